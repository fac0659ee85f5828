# stdin: alice\n6 * 7\n[1, 2]
# raw_input returns the text; Python 2 input() evaluated it.
name = raw_input("name? ")
print
print "hello", name
answer = input("answer? ")
print
print answer, type(answer).__name__
items = input()
print len(items), sum(items)
