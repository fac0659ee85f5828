# string module functions -> str methods; s.translate(None, chars).
import string
import string as s
from string import atoi, join


def main():
    parts = ["web", "db", "cache"]
    print string.join(parts, ", ")
    print join(parts)
    print string.split("a:b:c", ":", 1)
    print string.upper("abc"), string.lower("ABC"), s.strip("  x  ")
    print string.replace("a-b-c", "-", "+"), string.find("hello", "l"), string.count("banana", "a")
    print atoi("ff", 16) + atoi("10"), string.atof("2.5") * 2, string.atol("7")
    print string.zfill("42", 5), string.ljust("ab", 4, "."), string.capitalize("word")
    name = "web-01_prod"
    print name.translate(None, "-_")
    print string.upper("a" + "b")


main()
