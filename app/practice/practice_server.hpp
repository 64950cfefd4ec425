#pragma once
// roadwork's own HTTP server for a practice exercise (cpp-httplib): answers each request the exercise's way
// and records it, with the answer, in the exercise's log before the answer goes out.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "app/practice/exercise.hpp"
#include "app/practice/request_log.hpp"

namespace httplib {
class Request;
class Response;
class Server;
}  // namespace httplib

namespace roadwork::practice {

/// A running practice server on 127.0.0.1. Requests are handled one at a time, which keeps the log in the
/// order the answers were given and lets every answer see all requests before it (a cookie set by /login).
/// Destroying it stops it. Not copyable.
class PracticeServer {
 public:
  /// Called after each request is recorded, with everything recorded so far (the new request last); calls
  /// come from the server's threads, one at a time.
  using Observer = std::function<void(const History& history)>;

  /// Starts serving `exercise` on `port` (0: a free port) on a thread of its own. `history` holds the
  /// requests recorded before, which answers may depend on; new ones are appended to the log at `log_path`.
  /// The problem instead when the log cannot be opened or the port cannot be bound.
  static Expected<std::unique_ptr<PracticeServer>> start(const PracticeExercise& exercise, Secrets secrets,
                                                         History history,
                                                         const std::filesystem::path& log_path, int port,
                                                         Observer observer);
  ~PracticeServer();
  PracticeServer(const PracticeServer&) = delete;
  PracticeServer& operator=(const PracticeServer&) = delete;

  int port() const { return port_; }

  /// False once the server has stopped listening (stop(), or an error in cpp-httplib's accept loop).
  bool running() const { return !finished_; }

  /// Stops accepting, lets requests in progress finish, and joins the server's threads. Idempotent.
  void stop();

 private:
  PracticeServer(const PracticeExercise& exercise, Secrets secrets, History history, RequestLog log,
                 Observer observer);
  /// Binds `port` (0: any) and starts the thread that serves; false when the port cannot be bound.
  bool listen(int port);
  void handle(const httplib::Request& request, httplib::Response& response);

  const PracticeExercise& exercise_;
  Secrets secrets_;
  RequestLog log_;
  Observer observer_;
  std::mutex mutex_;  // guards history_, log_ and the observer's output
  History history_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

}  // namespace roadwork::practice
