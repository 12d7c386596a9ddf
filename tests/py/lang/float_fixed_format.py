# Fixed-point float formatting ('%.Nf', format(x, '.Nf'), f-strings): exact rounding
# with ties to even, signs of zero, tiny, huge and subnormal values.
vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e22, 1e-7, 5e-324, 1.7976931348623157e308,
        123456.785, 2.675, 1.005, -0.04, 0.045, 9.995, 99.5, 0.05, 1 / 3, -2 / 3, 1e16, 12345678901234567.0]
vals += [i / 8 for i in range(-20, 21, 3)]
vals += [i / 1000 + 0.0005 for i in range(-3000, 3000, 397)]
vals += [7.0 ** e for e in range(-40, 41, 9)]
for v in vals:
    print('%.0f|%.1f|%.2f|%.3f|%.6f' % (v, v, v, v, v)[:200])
    print(format(v, '.2f')[:120], f"{v:12.4f}"[:120], f"{v:+.1f}"[:120], f"{v:.17f}"[:120])
print('%.20f' % 0.1, '%.30f' % 5e-324 == '0.' + '0' * 30, len('%.2f' % 1e308))
print('%#.0f' % 2.0, format(2.5, '#.0f'), '%.0f' % -0.4, format(float('inf'), '.2f'), '%.3f' % float('nan'))
