match = 1
case = 2
_ = 3
match(x)
print(match, case, _)
type = 5
def match_case(match, case):
    return match + case
