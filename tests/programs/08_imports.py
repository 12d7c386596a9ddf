import os
import os.path
import a.b as c, d
from . import x
from .. import y as z
from ..m import (a, b,)
from .pkg.mod import f, g as h
from m import *
from ... import up
from __future__ import annotations
try:
    import fast
except ImportError:
    fast = None
