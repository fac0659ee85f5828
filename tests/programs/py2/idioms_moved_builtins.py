# reduce, intern and reload moved into modules.
import os


def product(xs):
    return reduce(lambda a, b: a * b, xs, 1)


def main():
    print product([1, 2, 3, 4])
    print reduce(lambda a, b: a + b, ["a", "b", "c"])
    key = intern("deploy-" + "key")
    print key is intern("deploy-key")
    mod = reload(os)
    print mod is os


main()
