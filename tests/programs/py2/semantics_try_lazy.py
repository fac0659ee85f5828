# Exceptions raised by map/filter functions must stay inside their try.
def parse(parts):
    try:
        values = map(int, parts)
    except ValueError:
        return 'bad input'
    return sum(values)


print parse(['1', '2']), parse(['1', 'x'])


def positive(xs):
    try:
        kept = filter(lambda v: 10 // v > 0, xs)
    except ZeroDivisionError:
        kept = None
    return kept


print positive([1, 2]), positive([1, 0])
