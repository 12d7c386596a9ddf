a = 'single' "double"
b = '''triple
quoted''' + """another
one"""
c = r'raw\n' R"raw\t"
d = b'bytes\x00\xff' rb'\d' Br'x'
e = 'esc: \n \t \\ \' \" \a \b \f \v \r \0 \101 \x41 \u00e9 \U0001F600 \N{BULLET}'
f = 'unknown \q \d escapes'
g = 'line \
continuation'
h = u'unicode' U"too"
i = 'naïve ünïcödé €'
j = ''
k = """"quoted" inside"""
