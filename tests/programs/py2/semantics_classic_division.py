# Classic division of certain ints (floors) and of floats (true division).
items = ['a', 'b', 'c', 'd', 'e']
middle = len(items) / 2
print middle, items[middle]
total = 0
for i in range(1, 8):
    total += i
print total / 4, total / 4.0
count = int('17')
count /= 3
print count
print 7 / 2, -7 / 2, 7.0 / 2, float(7) / 2
pages = (len(items) + 1) / 2
print pages
width = 80
half = width / 3
print half, width / 32.0
n = 0
while n < 10:
    n += 3
print n / 2
for k, word in enumerate(items):
    if k / 2 == 1:
        print word
print 2 ** 3 / 3
