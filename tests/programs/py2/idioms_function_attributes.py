# func_* and im_* attributes.
def greet(name, greeting="hello"):
    """Say hi."""
    return "%s %s" % (greeting, name)


class Job(object):
    def run(self):
        return "ran"


class Task(object):
    def __init__(self, func):
        self.func_name = "task:" + func.__name__


def main():
    print greet.func_name, greet.func_defaults, greet.func_doc
    print greet.func_code.co_argcount
    print getattr(greet, "func_name")
    job = Job()
    bound = job.run
    print bound.im_func.func_name, bound.im_self is job
    print Task(greet).func_name


main()
