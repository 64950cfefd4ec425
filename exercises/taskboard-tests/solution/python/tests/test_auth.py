"""Accounts: signup, login and the token. A bug here lets strangers in."""

import unittest

from api import PASSWORD, call, new_user, signup, unique


class SignupTest(unittest.TestCase):
    def test_signup_creates_a_user(self):
        email, response = signup()
        self.assertEqual(response.status, 201)
        self.assertIsInstance(response.body["id"], int)
        self.assertEqual(response.body["email"], email)
        self.assertEqual(response.body["role"], "user")
        self.assertNotIn("password", response.body)

    def test_the_same_email_cannot_sign_up_twice(self):
        email, first = signup()
        self.assertEqual(first.status, 201)
        _, second = signup(email=email, password="another password 456")
        self.assertEqual(second.status, 409)
        # and the first password still works: the second signup changed nothing
        login = call("POST", "/login", {"email": email, "password": PASSWORD})
        self.assertEqual(login.status, 200)

    def test_a_short_password_is_refused(self):
        _, response = signup(password="short")
        self.assertEqual(response.status, 400)


class LoginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.email, cls.token = new_user()

    def test_the_token_identifies_the_user(self):
        response = call("GET", "/me", token=self.token)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.body["email"], self.email)

    def test_a_wrong_password_gets_no_token(self):
        response = call("POST", "/login", {"email": self.email, "password": "not the password 789"})
        self.assertEqual(response.status, 401)
        self.assertNotIn("token", response.body or {})

    def test_an_unknown_email_gets_no_token(self):
        response = call("POST", "/login", {"email": unique("nobody") + "@example.com", "password": PASSWORD})
        self.assertEqual(response.status, 401)

    def test_me_needs_a_valid_token(self):
        self.assertEqual(call("GET", "/me").status, 401)
        self.assertEqual(call("GET", "/me", token="not-a-real-token").status, 401)

    def test_errors_have_the_error_shape(self):
        response = call("GET", "/me")
        self.assertEqual(response.body["error"]["code"], "unauthorized")
        self.assertIsInstance(response.body["error"]["message"], str)


if __name__ == "__main__":
    unittest.main()
