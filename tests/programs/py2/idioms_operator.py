# operator.isCallable, sequenceIncludes, repeat, isSequenceType, isMappingType, isNumberType.
import operator
from operator import sequenceIncludes


def main():
    print operator.isCallable(len), operator.isCallable(3)
    print sequenceIncludes([1, 2, 3], 2), operator.sequenceIncludes("abc", "z")
    print operator.repeat("ab", 3)
    print operator.isSequenceType([1]), operator.isMappingType({}), operator.isNumberType(2.5)
    print operator.isNumberType("x")


main()
