"""Platform identification (a subset of CPython's platform module).

python_implementation() returns 'Ouro': this interpreter is not CPython, although it
implements the Python 3.11 language and reports that version."""

import sys as _sys


def python_implementation():
    return 'Ouro'


def python_version_tuple():
    v = _sys.version_info
    return (str(v[0]), str(v[1]), str(v[2]))


def python_version():
    return '.'.join(python_version_tuple())


def python_branch():
    return ''


def python_revision():
    return ''


def python_compiler():
    return 'rustc'


def python_build():
    return ('default', '')


_SYSTEMS = {'linux': 'Linux', 'darwin': 'Darwin', 'win32': 'Windows', 'cygwin': 'CYGWIN_NT'}


def system():
    p = _sys.platform
    for prefix, name in _SYSTEMS.items():
        if p.startswith(prefix):
            return name
    return p.capitalize()


def platform(aliased=False, terse=False):
    return system()
