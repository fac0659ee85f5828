# A module with true division already: nothing to rewrite.
from __future__ import division

print 7 / 2, 8 / 2, 7 // 2
total = 9
total /= 2
print total
