def get():
    return None
print('before')
get()['key']
