# Uncaught TypeError for a wrong argument count on a method.
class Point:
    def move(self, dx, dy):
        return dx + dy
print(Point().move(1, 2))
Point().move(1)
