café = 1
π = 3.14159
名前 = "name"
print(café, π, 名前)
Δx = x1 - x0
