# e.message in handlers.
class DeployError(RuntimeError):
    pass


class AppError(Exception):
    def __init__(self, message, code):
        Exception.__init__(self, message)
        self.message = message
        self.code = code


def main():
    try:
        int("zz")
    except ValueError as e:
        print "value:", e.message[:20]
    try:
        raise DeployError("host unreachable")
    except (DeployError, TypeError) as err:
        print "deploy:", err.message
    try:
        raise AppError("custom", 7)
    except AppError as e:
        print "app:", e.message, e.code


main()
