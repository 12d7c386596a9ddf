# Objects a program stores in sys and builtins are released at exit: the leak check
# (-X showrefcount) must find nothing left, and finalizers that run that late print
# nothing, as under CPython.
import sys, builtins

class D:
    def __del__(self):
        print("del D")

sys.x = [1, 2, D()]
sys.path.append("/nowhere/" + str(12345))
sys.argv.append(object())
builtins.thing = {"a": [3]}
sys.modules["fake_module"] = type(sys)("fake_module")
print(thing["a"], sys.x[:2], sys.path[-1])
