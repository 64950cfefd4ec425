"""Your taskboard's test suite starts here.

Run it against a server you started yourself:
    PORT=3000 python3 server.py &
    BASE_URL=http://127.0.0.1:3000 python3 -m unittest discover -s tests

Every file named test_*.py in this folder is a test module; every method whose name starts with test_ in
a unittest.TestCase class is a test. api.py has the helpers: call(), new_user(), make_task(), unique().

This one example passes against a correct taskboard, but it catches none of the bugs roadwork's mutants
carry: it never reads anything back and never tries something that must be refused. See README.md.
"""

import unittest

from api import call, signup


class ExampleTest(unittest.TestCase):
    def test_signup_answers_201(self):
        email, response = signup()
        self.assertEqual(response.status, 201)
        self.assertEqual(response.body["email"], email)

    # TODO 1: authentication. Without an Authorization header (and with a made-up token), GET /tasks,
    #         POST /tasks, and GET, PATCH and DELETE /tasks/<id> answer 401, and the task is unchanged.
    # TODO 2: login. A wrong password answers 401 and no token.
    # TODO 3: writes. After POST, PATCH (title, and done) and DELETE, a second request shows the change:
    #         GET /tasks/<id> and GET /tasks. Assert the exact status codes: 201, 200, 204 (empty body).
    # TODO 4: ownership. With two users from new_user(): Bob's GET /tasks never lists Alice's task, and
    #         Bob's GET, PATCH and DELETE of it answer 403 or 404 and leave it as it was.


if __name__ == "__main__":
    unittest.main()
