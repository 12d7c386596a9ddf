fn main() {
    lalrpop::Configuration::new().set_in_dir("grammar").process().unwrap();
}
