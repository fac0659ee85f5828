# Deprecated unittest aliases (removed in Python 3.12), run by a small test runner.
import sys
import unittest


class Checks(unittest.TestCase):
    def test_equal(self):
        self.assertEquals(1 + 1, 2)
        self.failUnlessEqual("a", "a")
        self.assertNotEquals(1, 2)

    def test_truth(self):
        self.failUnless(True)
        self.failIf(False)
        self.assert_(1)

    def test_items(self):
        self.assertItemsEqual([1, 2, 2], [2, 1, 2])
        self.assertRegexpMatches("deploy-01", r"\d+$")

    def test_raises(self):
        self.failUnlessRaises(ValueError, int, "x")
        with self.assertRaisesRegexp(KeyError, "k"):
            {}["k"]


suite = unittest.TestLoader().loadTestsFromTestCase(Checks)
result = unittest.TestResult()
suite.run(result)
print "ran", result.testsRun, "failures", len(result.failures), "errors", len(result.errors)
for test, trace in result.errors + result.failures:
    print test
