// The sandbox against real child processes: /bin/sh one-liners and tests/fixtures/servers/http_server.py,
// started by sandbox::Server and, where a check run adds to it, by checking::SandboxedServer.
// Time bounds are sanity bounds only; the tests never depend on how fast the machine is.

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/checking/sandboxed_server.hpp"
#include "app/core/unique_fd.hpp"
#include "app/sandbox/output_ring.hpp"
#include "app/sandbox/readiness_posix.hpp"
#include "app/sandbox/server.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace roadwork::sandbox;
using roadwork::UniqueFd;
namespace checking = roadwork::checking;
using roadwork::testing::process_alive;
using roadwork::testing::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kFixture = std::string(ROADWORK_SOURCE_DIR) + "/tests/fixtures/servers/http_server.py";

std::string fixture_command(const std::string& flags = "") {
  return "python3 " + kFixture + (flags.empty() ? "" : " " + flags);
}

LaunchSpec spec_for(const std::string& command) {
  LaunchSpec spec;
  spec.command = command;
  spec.working_dir = ROADWORK_SOURCE_DIR;
  spec.port = pick_free_port();
  spec.env = {{"PORT", std::to_string(spec.port)}, {"HOST", "127.0.0.1"}, {"ROADWORK", "1"}};
  spec.grace = 5s;
  return spec;
}

bool eventually(const std::function<bool()>& condition, Clock::duration timeout = 5s) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

bool reaped(pid_t pid) { return ::kill(pid, 0) == -1 && errno == ESRCH; }

// No process of the group exists, not even a zombie (a zombie still counts for kill()).
bool group_gone(pid_t pgid) { return ::kill(-pgid, 0) == -1 && errno == ESRCH; }

// The number printed after `label` in the server's output, once it appears.
std::optional<long long> printed_number(Server& server, const std::string& label) {
  std::optional<long long> number;
  eventually([&] {
    const std::string text = server.output();
    const auto at = text.find(label);
    if (at == std::string::npos || text.find('\n', at) == std::string::npos) return false;
    number = std::stoll(text.substr(at + label.size()));
    return true;
  });
  return number;
}

std::string numbers_from_one_to(int last) {
  std::string text;
  for (int i = 1; i <= last; ++i) text += std::to_string(i) + "\n";
  return text;
}

}  // namespace

TEST_CASE("OutputRing keeps the most recent bytes and counts the rest") {
  SUBCASE("appends of every size, compared with a plain string") {
    OutputRing ring(100);
    std::string all;
    for (int i = 0; i < 400; ++i) {
      const std::string chunk(static_cast<std::size_t>(i % 130), static_cast<char>('a' + i % 26));
      ring.append(chunk);
      all += chunk;
      const std::size_t kept = std::min<std::size_t>(all.size(), 100);
      REQUIRE(ring.contents() == all.substr(all.size() - kept));
      REQUIRE(ring.dropped() == all.size() - kept);
    }
  }
  SUBCASE("capacity 0 keeps nothing") {
    OutputRing ring(0);
    ring.append("hello");
    CHECK(ring.contents().empty());
    CHECK(ring.dropped() == 5);
  }
  SUBCASE("last lines") {
    OutputRing ring(64);
    ring.append("one\ntwo\nthree\n");
    CHECK(ring.last_lines(0).empty());
    CHECK(ring.last_lines(1) == "three\n");
    CHECK(ring.last_lines(2) == "two\nthree\n");
    CHECK(ring.last_lines(10) == "one\ntwo\nthree\n");
    ring.append("unfinished");
    CHECK(ring.last_lines(2) == "three\nunfinished");
  }
}

TEST_CASE("pick_free_port returns a port nobody listens on") {
  const int port = pick_free_port();
  CHECK(port > 0);
  CHECK(port < 65536);
  CHECK_FALSE(roadwork::sandbox::loopback_port_accepts(port));
}

TEST_CASE("a server that listens is ready soon after its port opens, and stops on SIGTERM") {
  const LaunchSpec spec = spec_for(fixture_command());
  StartResult result;
  auto server = Server::start(spec, result);
  const auto returned = Clock::now();
  REQUIRE(server);
  REQUIRE_MESSAGE(result.outcome == StartOutcome::Ready, result.message);
  CHECK(server->running());
  CHECK(server->port() == spec.port);
  CHECK(roadwork::sandbox::loopback_port_accepts(spec.port));

  // The fixture prints CLOCK_MONOTONIC right after listen(); steady_clock is the same clock.
  const auto listened_at = printed_number(*server, "listening at ");
  REQUIRE(listened_at);
  const auto noticed_after = std::chrono::nanoseconds(returned.time_since_epoch().count() - *listened_at);
  // A figure, not an assert: tests never judge speed (tests/bench/check_speed.py does).
  MESSAGE("ready " << std::chrono::duration_cast<std::chrono::microseconds>(noticed_after).count()
                   << " us after the port opened");
  CHECK(noticed_after > 0s);

  const auto stopped = server->stop();
  CHECK_FALSE(stopped.killed);
  CHECK(stopped.exit_code == 128 + SIGTERM);  // the shell reports its command's death by SIGTERM
  CHECK_FALSE(server->running());
  CHECK(group_gone(server->pid()));
  const auto again = server->stop();
  CHECK(again.exit_code == stopped.exit_code);
  CHECK(again.elapsed == stopped.elapsed);
}

TEST_CASE("stop reports the status of a server that shuts down gracefully, not its shell's") {
  const LaunchSpec spec = spec_for(fixture_command("--sigterm-exit 7"));
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE(result.outcome == StartOutcome::Ready);
  const auto stopped = server->stop();
  CHECK(stopped.exit_code == 7);
  CHECK_FALSE(stopped.term_signal);
  CHECK_FALSE(stopped.killed);
}

TEST_CASE("a command the shell cannot find") {
  const LaunchSpec spec = spec_for("roadwork-no-such-command server.py");
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE(server);
  CHECK(result.outcome == StartOutcome::CommandNotFound);
  CHECK(result.exit_code == 127);
  CHECK(result.message ==
        "command not found: `roadwork-no-such-command server.py` (the shell exited with 127)");
  CHECK(result.last_output.find("roadwork-no-such-command: not found") != std::string::npos);
  CHECK_FALSE(server->running());
}

TEST_CASE("a file without execute permission") {
  TempDir dir;
  std::ofstream(dir.path() / "server.sh") << "#!/bin/sh\necho hello\n";
  fs::permissions(dir.path() / "server.sh", fs::perms::owner_read | fs::perms::owner_write);
  LaunchSpec spec = spec_for("./server.sh");
  spec.working_dir = dir.path();
  StartResult result;
  auto server = Server::start(spec, result);
  CHECK(result.outcome == StartOutcome::NotExecutable);
  CHECK(result.exit_code == 126);
  CHECK(result.message ==
        "command not executable: `./server.sh` (the shell exited with 126; check the file's execute "
        "permission)");
}

TEST_CASE("a server that exits before listening") {
  SUBCASE("with a status: the verdict carries its last lines, stdout and stderr together") {
    const LaunchSpec spec = spec_for("echo starting; echo 'error: address already in use' >&2; exit 3");
    StartResult result;
    auto server = Server::start(spec, result);
    CHECK(result.outcome == StartOutcome::ExitedEarly);
    CHECK(result.exit_code == 3);
    CHECK_FALSE(result.term_signal);
    CHECK(result.message ==
          "the server exited with status 3 before listening on port " + std::to_string(spec.port));
    CHECK(result.last_output == "starting\nerror: address already in use\n");
    CHECK(server->last_lines(1) == "error: address already in use\n");
  }
  SUBCASE("by a signal, as the shell reports it") {
    const LaunchSpec spec = spec_for("sh -c 'kill -USR1 $$'");
    StartResult result;
    auto server = Server::start(spec, result);
    CHECK(result.outcome == StartOutcome::ExitedEarly);
    CHECK(result.exit_code == 128 + SIGUSR1);
    CHECK(result.message == "the server exited with status " + std::to_string(128 + SIGUSR1) +
                                " (killed by SIGUSR1) before listening on port " + std::to_string(spec.port));
  }
  SUBCASE("by a signal that ended the shell itself") {
    const LaunchSpec spec = spec_for("kill -USR1 $$");
    StartResult result;
    auto server = Server::start(spec, result);
    CHECK(result.outcome == StartOutcome::ExitedEarly);
    CHECK(result.term_signal == SIGUSR1);
    CHECK(result.message ==
          "the server was killed by SIGUSR1 before listening on port " + std::to_string(spec.port));
  }
}

TEST_CASE("the child gets the environment, folder, stdin and signal state it should") {
  TempDir dir;
  LaunchSpec spec = spec_for(
      "echo \"$PWD $PORT $HOST $ROADWORK\"; if read line; then echo stdin-has-data; else echo stdin-empty; "
      "fi;"
      " ls /proc/$$/fd; grep -E '^Sig(Blk|Ign)' /proc/self/status; exit 4");
  spec.working_dir = dir.path();
  // What the child must not inherit from roadwork: an ignored SIGPIPE and a blocked signal.
  struct sigaction ignore {
  }, previous_action{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous_action);
  sigset_t usr2, previous_mask;
  sigemptyset(&usr2);
  sigaddset(&usr2, SIGUSR2);
  ::pthread_sigmask(SIG_BLOCK, &usr2, &previous_mask);
  StartResult result;
  auto server = Server::start(spec, result);
  ::pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
  ::sigaction(SIGPIPE, &previous_action, nullptr);

  CHECK(result.exit_code == 4);
  CHECK(result.last_output == dir.path().string() + " " + std::to_string(spec.port) +
                                  " 127.0.0.1 1\n"
                                  "stdin-empty\n"
                                  "0\n1\n2\n"
                                  "SigBlk:\t0000000000000000\n"
                                  "SigIgn:\t0000000000000000\n");
}

TEST_CASE("a working folder that does not exist") {
  LaunchSpec spec = spec_for("true");
  spec.working_dir = "/nonexistent/roadwork";
  StartResult result;
  auto server = Server::start(spec, result);
  CHECK_FALSE(server);
  CHECK(result.outcome == StartOutcome::SpawnFailed);
  CHECK(
      result.message ==
      "could not start the server: cannot enter the working directory /nonexistent/roadwork: No such file or "
      "directory");
}

TEST_CASE("a server that never listens is stopped at the startup timeout") {
  LaunchSpec spec = spec_for("echo waiting; sleep 30");
  spec.startup_timeout = 300ms;
  StartResult result;
  auto server = Server::start(spec, result);
  CHECK(result.outcome == StartOutcome::NeverListened);
  CHECK(result.message ==
        "the server did not listen on port " + std::to_string(spec.port) + " within 300 ms");
  CHECK(result.elapsed >= 300ms);
  CHECK(result.last_output == "waiting\n");
  CHECK_FALSE(server->running());
  CHECK(group_gone(server->pid()));
}

TEST_CASE("a server that listens on another port than PORT") {
  const LaunchSpec spec = spec_for("");
  int other = pick_free_port();
  while (other == spec.port) other = pick_free_port();
  LaunchSpec wrong = spec;
  wrong.command = fixture_command("--port " + std::to_string(other));
  StartResult result;
  auto server = Server::start(wrong, result);
  CHECK(result.outcome == StartOutcome::WrongPort);
  CHECK(result.other_port == other);
  CHECK(result.message == "the server listens on port " + std::to_string(other) + ", but PORT is " +
                              std::to_string(spec.port) +
                              " (read the port from the PORT environment variable)");
  CHECK_FALSE(server->running());
}

// A listening socket of this test process on 127.0.0.1:`port`: another process than the server.
UniqueFd listen_on(int port) {
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int yes = 1;
  ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  REQUIRE(::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(socket.get(), 8) == 0);
  return socket;
}

// The lines of `path` once it has `count` of them.
std::vector<std::string> lines_of(const fs::path& path, std::size_t count) {
  std::vector<std::string> lines;
  eventually([&] {
    lines.clear();
    std::ifstream file(path);
    for (std::string line; std::getline(file, line);) lines.push_back(line);
    return lines.size() >= count;
  });
  return lines;
}

TEST_CASE("a port another process takes before the server listens is not taken for the server's") {
  TempDir dir;
  // The server waits for `go`, which the test makes once its own socket listens on PORT.
  LaunchSpec spec =
      spec_for("echo $PORT >> ports; until [ -e go ]; do sleep 0.01; done; exec " + fixture_command());
  spec.working_dir = dir.path();
  std::optional<UniqueFd> taken;
  std::jthread thief([&] {
    lines_of(dir.path() / "ports", 1);
    taken.emplace(listen_on(spec.port));
    std::ofstream(dir.path() / "go");
  });
  StartResult result;
  auto server = Server::start(spec, result);
  thief.join();
  CHECK(result.outcome == StartOutcome::PortTaken);
  CHECK(result.message == "another process, not the server, listens on port " + std::to_string(spec.port) +
                              ": it took the port after roadwork picked it as free and before the server "
                              "could listen on it");
  CHECK_FALSE(server->running());
}

TEST_CASE("a check run's server moves to another port when its picked port is taken before it listens") {
  TempDir dir;
  TempDir runs;
  checking::ServerConfig config;
  config.command = "echo $PORT >> ports; until [ -e go ]; do sleep 0.01; done; exec " + fixture_command();
  config.working_dir = dir.path();
  config.runs_dir = runs.path();
  config.name = "moves";
  config.database_name = "moves.db";
  checking::SandboxedServer server(config);
  const int picked = server.port();
  std::optional<UniqueFd> taken;
  std::jthread thief([&] {
    lines_of(dir.path() / "ports", 1);
    taken.emplace(listen_on(picked));
    std::ofstream(dir.path() / "go");
  });
  const auto result = server.start();
  thief.join();
  CHECK(result.outcome == StartOutcome::Ready);
  CHECK(server.port() != picked);
  CHECK(lines_of(dir.path() / "ports", 2) ==
        std::vector<std::string>{std::to_string(picked), std::to_string(server.port())});
  CHECK(server.url() == "http://127.0.0.1:" + std::to_string(server.port()));
  SUBCASE("a later start keeps the port") {
    const int port = server.port();
    CHECK(server.start().outcome == StartOutcome::Ready);
    CHECK(server.port() == port);
  }
  SUBCASE("a later start whose port another process took fails there instead of moving") {
    const int port = server.port();
    server.stop();
    const UniqueFd again = listen_on(port);
    CHECK(server.start().outcome == StartOutcome::PortTaken);
    CHECK(server.port() == port);
  }
}

TEST_CASE("a server that ignores SIGTERM is killed after the grace period") {
  LaunchSpec spec = spec_for(fixture_command("--ignore-sigterm"));
  spec.grace = 300ms;
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE(result.outcome == StartOutcome::Ready);
  const auto stopped = server->stop();
  CHECK(stopped.killed);
  CHECK(stopped.term_signal == SIGKILL);
  CHECK(stopped.elapsed >= 300ms);
  CHECK(group_gone(server->pid()));
}

TEST_CASE("a grandchild the server forked does not outlive stop()") {
  const LaunchSpec spec = spec_for(fixture_command("--grandchild"));
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE(result.outcome == StartOutcome::Ready);
  const auto grandchild = printed_number(*server, "grandchild ");
  REQUIRE(grandchild);
  const auto pid = static_cast<pid_t>(*grandchild);
  CHECK(process_alive(pid));
  const auto stopped = server->stop();
  CHECK_FALSE(stopped.killed);  // the server itself exited on SIGTERM; only its grandchild needed SIGKILL
  CHECK(reaped(pid));
  CHECK(group_gone(server->pid()));
}

TEST_CASE("output beyond the cap keeps the tail and counts what was dropped") {
  SUBCASE("a server that prints and exits") {
    LaunchSpec spec = spec_for("seq 1 3000");
    spec.output_cap = 1000;
    StartResult result;
    auto server = Server::start(spec, result);
    CHECK(result.outcome == StartOutcome::ExitedEarly);
    CHECK(result.exit_code == 0);
    const std::string all = numbers_from_one_to(3000);
    CHECK(server->output() == all.substr(all.size() - 1000));
    CHECK(server->dropped_bytes() == all.size() - 1000);
    CHECK(server->last_lines(2) == "2999\n3000\n");
  }
  SUBCASE("a server that prints more than a pipe holds before listening is not blocked") {
    LaunchSpec spec = spec_for("seq 1 200000; " + fixture_command());
    StartResult result;
    auto server = Server::start(spec, result);
    REQUIRE_MESSAGE(result.outcome == StartOutcome::Ready, result.message);
    CHECK(printed_number(*server, "listening at "));
    const std::string all = numbers_from_one_to(200000);
    CHECK(server->output().starts_with(all.substr(server->dropped_bytes())));
  }
}

TEST_CASE("the interrupt handler kills every live server group and exits like an interrupted program") {
  struct Case {
    int signo;
    int exit_status;
  };
  Case c{};
  SUBCASE("SIGINT") { c = {SIGINT, 130}; }
  SUBCASE("SIGTERM") { c = {SIGTERM, 128 + SIGTERM}; }
  SUBCASE("SIGHUP") { c = {SIGHUP, 128 + SIGHUP}; }

  // The group's orphans then come back here to be reaped and checked, whatever init this machine has.
  REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
  int pids_pipe[2];
  REQUIRE(::pipe(pids_pipe) == 0);
  const pid_t fake_roadwork = ::fork();
  REQUIRE(fake_roadwork >= 0);
  if (fake_roadwork == 0) {
    // Plays roadwork: no doctest here, only exit statuses the parent will not mistake for the handler's.
    ::close(pids_pipe[0]);
    roadwork::sandbox::install_interrupt_handlers();
    StartResult result;
    auto server = Server::start(spec_for(fixture_command("--grandchild")), result);
    if (result.outcome != StartOutcome::Ready) ::_exit(3);
    const auto grandchild = printed_number(*server, "grandchild ");
    if (!grandchild) ::_exit(4);
    const pid_t pids[2] = {server->pid(), static_cast<pid_t>(*grandchild)};
    if (::write(pids_pipe[1], pids, sizeof pids) != sizeof pids) ::_exit(5);
    for (;;) ::pause();
  }
  ::close(pids_pipe[1]);
  pid_t pids[2] = {0, 0};
  const auto n = ::read(pids_pipe[0], pids, sizeof pids);
  ::close(pids_pipe[0]);
  if (n == sizeof pids) ::kill(fake_roadwork, c.signo);
  int status = 0;
  REQUIRE(::waitpid(fake_roadwork, &status, 0) == fake_roadwork);
  REQUIRE(n == sizeof pids);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == c.exit_status);
  CHECK(eventually([&] { return !process_alive(pids[1]); }));
  // Reap the zombies reparented here, so that only a live member would keep the group in existence.
  CHECK(eventually([&] {
    while (::waitpid(-pids[0], nullptr, WNOHANG) > 0) {
    }
    return group_gone(pids[0]);
  }));
}
