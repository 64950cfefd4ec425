"""Tasks: every write must be visible to a later read, and nothing works without a token."""

import unittest

from api import call, make_task, new_user, unique


class TaskWritesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, cls.token = new_user()

    def test_create_answers_201_with_the_task_and_its_location(self):
        title = unique("Buy milk")
        response = call("POST", "/tasks", {"title": title}, token=self.token)
        self.assertEqual(response.status, 201)
        task = response.body
        self.assertIsInstance(task["id"], int)
        self.assertEqual(task["title"], title)
        self.assertIs(task["done"], False)
        self.assertEqual(response.headers["Location"], f"/tasks/{task['id']}")

        again = call("GET", f"/tasks/{task['id']}", token=self.token)
        self.assertEqual(again.status, 200)
        self.assertEqual(again.body["title"], title)

    def test_the_list_holds_my_new_task(self):
        task = make_task(self.token)
        response = call("GET", "/tasks", token=self.token)
        self.assertEqual(response.status, 200)
        self.assertIsInstance(response.body, list)
        self.assertIn(task["id"], [t["id"] for t in response.body])

    def test_patch_title_is_stored(self):
        task = make_task(self.token)
        response = call("PATCH", f"/tasks/{task['id']}", {"title": "renamed"}, token=self.token)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.body["title"], "renamed")
        again = call("GET", f"/tasks/{task['id']}", token=self.token)
        self.assertEqual(again.body["title"], "renamed")
        self.assertIs(again.body["done"], False)

    def test_patch_done_is_stored_and_keeps_the_title(self):
        task = make_task(self.token)
        response = call("PATCH", f"/tasks/{task['id']}", {"done": True}, token=self.token)
        self.assertEqual(response.status, 200)
        self.assertIs(response.body["done"], True)
        again = call("GET", f"/tasks/{task['id']}", token=self.token)
        self.assertIs(again.body["done"], True)
        self.assertEqual(again.body["title"], task["title"])

    def test_delete_answers_204_and_the_task_is_gone(self):
        task = make_task(self.token)
        response = call("DELETE", f"/tasks/{task['id']}", token=self.token)
        self.assertEqual(response.status, 204)
        self.assertEqual(response.raw, b"")
        self.assertEqual(call("GET", f"/tasks/{task['id']}", token=self.token).status, 404)
        listed = call("GET", "/tasks", token=self.token).body
        self.assertNotIn(task["id"], [t["id"] for t in listed])

    def test_a_task_that_does_not_exist_is_404(self):
        task = make_task(self.token)
        call("DELETE", f"/tasks/{task['id']}", token=self.token)
        self.assertEqual(call("PATCH", f"/tasks/{task['id']}", {"title": "x"}, token=self.token).status, 404)
        self.assertEqual(call("DELETE", f"/tasks/{task['id']}", token=self.token).status, 404)


class TasksNeedATokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, cls.token = new_user()

    def test_listing_and_creating_need_a_token(self):
        self.assertEqual(call("GET", "/tasks").status, 401)
        self.assertEqual(call("GET", "/tasks", token="not-a-real-token").status, 401)
        self.assertEqual(call("POST", "/tasks", {"title": "anonymous"}).status, 401)

    def test_reading_and_changing_a_task_need_a_token(self):
        task = make_task(self.token)
        path = f"/tasks/{task['id']}"
        self.assertEqual(call("GET", path).status, 401)
        self.assertEqual(call("PATCH", path, {"title": "hijacked", "done": True}).status, 401)
        self.assertEqual(call("DELETE", path).status, 401)
        # and none of it changed the task
        again = call("GET", path, token=self.token)
        self.assertEqual(again.status, 200)
        self.assertEqual(again.body["title"], task["title"])
        self.assertIs(again.body["done"], False)


if __name__ == "__main__":
    unittest.main()
