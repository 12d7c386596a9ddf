import sys
if sys.version_info >= (3, 11):
    import tomllib
else:
    tomllib = None

def main(argv=None):
    """Entry point."""
    args = argv or sys.argv[1:]
    total = 0
    for i, arg in enumerate(args):
        if not arg.isdigit():
            continue
        total += int(arg) * 2 ** i
    print(f"total={total:,}", end="\n")
    return 0 if total else 1

if __name__ == "__main__":
    raise SystemExit(main())
