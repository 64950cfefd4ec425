"""Ownership: another user's task is invisible and untouchable (404, or 403, and nothing changes)."""

import unittest

from api import call, make_task, new_user

NOT_YOURS = (403, 404)


class OwnershipTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, cls.alice = new_user()
        _, cls.bob = new_user()

    def test_bob_does_not_see_alices_task_in_his_list(self):
        task = make_task(self.alice)
        mine = make_task(self.bob)
        listed = [t["id"] for t in call("GET", "/tasks", token=self.bob).body]
        self.assertIn(mine["id"], listed)
        self.assertNotIn(task["id"], listed)

    def test_bob_cannot_read_alices_task(self):
        task = make_task(self.alice)
        self.assertIn(call("GET", f"/tasks/{task['id']}", token=self.bob).status, NOT_YOURS)

    def test_bob_cannot_change_alices_task(self):
        task = make_task(self.alice)
        response = call("PATCH", f"/tasks/{task['id']}", {"title": "bob was here", "done": True}, token=self.bob)
        self.assertIn(response.status, NOT_YOURS)
        again = call("GET", f"/tasks/{task['id']}", token=self.alice)
        self.assertEqual(again.body["title"], task["title"])
        self.assertIs(again.body["done"], False)

    def test_bob_cannot_delete_alices_task(self):
        task = make_task(self.alice)
        self.assertIn(call("DELETE", f"/tasks/{task['id']}", token=self.bob).status, NOT_YOURS)
        self.assertEqual(call("GET", f"/tasks/{task['id']}", token=self.alice).status, 200)


if __name__ == "__main__":
    unittest.main()
