#include "app/practice/practice_server.hpp"

#include <httplib.h>

#include <chrono>
#include <system_error>

namespace roadwork::practice {

namespace {

constexpr const char* kHost = "127.0.0.1";

// cpp-httplib adds these to a request's headers for its handlers; the client never sent them.
bool added_by_httplib(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

RecordedRequest record(const httplib::Request& request) {
  RecordedRequest recorded;
  recorded.time = utc_timestamp(std::chrono::system_clock::now());
  recorded.client = request.remote_addr + ":" + std::to_string(request.remote_port);
  recorded.method = request.method;
  recorded.path = request.path;
  if (const auto question = request.target.find('?'); question != std::string::npos)
    recorded.query = request.target.substr(question + 1);
  recorded.params.assign(request.params.begin(), request.params.end());
  for (const auto& [name, value] : request.headers)
    if (!added_by_httplib(name)) recorded.headers.emplace_back(name, value);
  recorded.body = request.body;
  return recorded;
}

}  // namespace

Expected<std::unique_ptr<PracticeServer>> PracticeServer::start(const PracticeExercise& exercise,
                                                                Secrets secrets, History history,
                                                                const std::filesystem::path& log_path,
                                                                int port, Observer observer) {
  auto log = RequestLog::open(log_path);
  if (!log) return log.error();
  std::unique_ptr<PracticeServer> server(new PracticeServer(exercise, std::move(secrets), std::move(history),
                                                            std::move(*log), std::move(observer)));
  if (!server->listen(port)) {
    return unplaced(port == 0
                        ? std::string("cannot listen on ") + kHost
                        : "cannot listen on " + std::string(kHost) + ":" + std::to_string(port) +
                              " (is another program using that port? Leave out --port to get a free one)");
  }
  return server;
}

PracticeServer::PracticeServer(const PracticeExercise& exercise, Secrets secrets, History history,
                               RequestLog log, Observer observer)
    : exercise_(exercise),
      secrets_(std::move(secrets)),
      log_(std::move(log)),
      observer_(std::move(observer)),
      history_(std::move(history)),
      server_(std::make_unique<httplib::Server>()) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    handle(request, response);
  };
  // Every path and method goes to one handler (HEAD is served by the GET handler): the exercise routes.
  server_->Get(".*", handler).Post(".*", handler).Put(".*", handler).Patch(".*", handler);
  server_->Delete(".*", handler).Options(".*", handler);
  // Keep-alive lets curl -L ask for the redirect target on the same connection, which is how the grading
  // tells following a redirect from typing its target. A short idle timeout keeps stop() prompt.
  server_->set_keep_alive_max_count(100).set_keep_alive_timeout(2);
  server_->set_payload_max_length(std::size_t{1} << 20);  // 1 MiB: a curl exercise needs no more
}

bool PracticeServer::listen(int port) {
  port_ = port == 0 ? server_->bind_to_any_port(kHost) : (server_->bind_to_port(kHost, port) ? port : -1);
  if (port_ < 0) return false;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    finished_ = true;
  });
  // stop() only reaches a server that has started listening, so wait for that before anyone can call it.
  while (!server_->is_running() && !finished_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return true;
}

PracticeServer::~PracticeServer() { stop(); }

void PracticeServer::stop() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

void PracticeServer::handle(const httplib::Request& request, httplib::Response& response) {
  auto recorded = record(request);
  const std::lock_guard lock(mutex_);
  auto reply = exercise_.answer(recorded, history_, secrets_);
  recorded.response = {reply.status, reply.headers};
  try {
    log_.append(recorded);
    history_.push_back(std::move(recorded));
    if (observer_) observer_(history_);
  } catch (const std::system_error& error) {
    // An unrecorded request cannot count for a task, so the learner must hear about it.
    reply = {500,
             {{"Content-Type", "text/plain"}},
             std::string("roadwork could not record this request: ") + error.what() + "\n"};
  }
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  response.body = std::move(reply.body);
}

}  // namespace roadwork::practice
