// The sandbox's limits against real child processes: each limit is exceeded by a small program, which is
// stopped, and the verdict names the limit. Also the run watchdog, processes that leave the group, and the
// network namespace. Time bounds are sanity bounds only.

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>

#include "app/sandbox/limits.hpp"
#include "app/sandbox/readiness_posix.hpp"
#include "app/sandbox/server.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace roadwork::sandbox;
using roadwork::testing::process_alive;
using roadwork::testing::skip;
using roadwork::testing::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
const std::string kHttpServer = std::string(ROADWORK_SOURCE_DIR) + "/tests/fixtures/servers/http_server.py";

LaunchSpec spec_for(const std::string& command, const fs::path& dir) {
  LaunchSpec spec;
  spec.command = command;
  spec.working_dir = dir;
  spec.port = pick_free_port();
  spec.env = {{"PORT", std::to_string(spec.port)}, {"HOST", "127.0.0.1"}, {"DATA_DIR", dir.string()}};
  spec.startup_timeout = 20s;
  return spec;
}

// `python3 -c SCRIPT`, quoted for the shell (the scripts hold no single quote).
std::string python(const std::string& script) { return "python3 -c '" + script + "'"; }

// Starts `spec`, which must fail to start; returns the result.
StartResult start_failing(const LaunchSpec& spec) {
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE(server);
  CHECK_MESSAGE(result.outcome != StartOutcome::Ready, result.message);
  return result;
}

// The number after `label` in the server's output, once a whole line holds it.
pid_t printed_pid(Server& server, const std::string& label) {
  const auto deadline = Clock::now() + 10s;
  while (Clock::now() < deadline) {
    const std::string text = server.output();
    const auto at = text.find(label);
    if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
      return static_cast<pid_t>(std::stol(text.substr(at + label.size())));
    }
    std::this_thread::sleep_for(5ms);
  }
  FAIL("the server never printed " << label);
  return 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the presets: strict is tighter than default, and only the two names are known") {
  const auto strict = Limits::strict();
  const auto generous = Limits::generous();
  CHECK(strict.process.cpu_seconds < generous.process.cpu_seconds);
  CHECK(strict.process.data_bytes < generous.process.data_bytes);
  CHECK(strict.process.processes < generous.process.processes);
  CHECK(strict.max_body_bytes < generous.max_body_bytes);
  CHECK(Limits::preset("strict").has_value());
  CHECK(Limits::preset("default").has_value());
  CHECK_FALSE(Limits::preset("lax").has_value());
  CHECK(roadwork::sandbox::bounded(60s, 0s) == 60s);
  CHECK(roadwork::sandbox::bounded(60s, 10s) == 10s);
  CHECK(roadwork::sandbox::describe_bytes(512 * kMiB) == "512 MiB");
  CHECK(roadwork::sandbox::describe_bytes(64 * 1024) == "64 KiB");
  CHECK(roadwork::sandbox::describe_bytes(1536 * kMiB) == "1.5 GiB");
  CHECK(roadwork::sandbox::describe_bytes(300) == "300 bytes");
}

TEST_CASE("a server that spins past its CPU limit is killed, and the verdict says it was the CPU limit") {
  TempDir dir;
  LaunchSpec spec = spec_for(python("while True: pass"), dir.path());
  spec.limits.cpu_seconds = 1;
  const auto result = start_failing(spec);
  CHECK(result.outcome == StartOutcome::ExitedEarly);
  CHECK(contains(result.message, "SIGXCPU"));
  CHECK(contains(result.message, "CPU time limit of 1 s"));
}

TEST_CASE("a server that allocates past its data limit fails, and the verdict says it ran out of memory") {
  TempDir dir;
  LaunchSpec spec = spec_for(python("x = bytearray(1 << 30)"), dir.path());
  spec.limits.data_bytes = 256 * kMiB;
  const auto result = start_failing(spec);
  CHECK(result.outcome == StartOutcome::ExitedEarly);
  CHECK(contains(result.last_output, "MemoryError"));
  CHECK(contains(result.message, "ran out of memory: its data limit is 256 MiB"));
}

TEST_CASE("a server that opens files past its limit fails, and the verdict says which limit") {
  TempDir dir;
  LaunchSpec spec = spec_for(python("files = [open(\"/dev/null\") for _ in range(100)]"), dir.path());
  spec.limits.open_files = 32;
  const auto result = start_failing(spec);
  CHECK(contains(result.last_output, "Too many open files"));
  CHECK(contains(result.message, "limit of 32 open files"));
}

TEST_CASE("a server that writes a file past its size limit is stopped, and the verdict says which limit") {
  TempDir dir;
  SUBCASE("killed by SIGXFSZ") {
    LaunchSpec spec = spec_for("head -c 2097152 /dev/zero > big", dir.path());
    spec.limits.file_bytes = kMiB;
    const auto result = start_failing(spec);
    CHECK(contains(result.message, "SIGXFSZ"));
    CHECK(contains(result.message, "file larger than its limit of 1 MiB"));
    CHECK(fs::file_size(dir.path() / "big") == kMiB);
  }
  SUBCASE("told by EFBIG, as Python, which ignores SIGXFSZ, is") {
    LaunchSpec spec = spec_for(python("open(\"big\", \"wb\").write(bytes(2 << 20))"), dir.path());
    spec.limits.file_bytes = kMiB;
    const auto result = start_failing(spec);
    CHECK(contains(result.last_output, "File too large"));
    CHECK(contains(result.message, "file larger than its limit of 1 MiB"));
  }
}

TEST_CASE("a fork bomb is bounded by the process limit, named in the verdict, and stopped entirely") {
  if (::geteuid() != 0) {
    skip("the process limit is exact only with a pids cgroup, which needs root");
    return;
  }
  TempDir dir;
  const std::string bomb = std::string(ROADWORK_SOURCE_DIR) + "/tests/fixtures/hostile/servers/fork_bomb.py";
  LaunchSpec spec = spec_for("python3 " + bomb + " --marker=limits-test", dir.path());
  spec.limits.processes = 16;
  spec.startup_timeout = 2s;
  StartResult result;
  auto server = Server::start(spec, result);
  if (::access("/sys/fs/cgroup/cgroup.procs", W_OK) != 0 &&
      ::access("/sys/fs/cgroup/pids/cgroup.procs", W_OK) != 0) {
    // No cgroup file system to write to (a chroot without /sys): the verdict must say the limit is missing.
    bool says_so = false;
    for (const auto& note : server->notes())
      says_so = says_so || contains(note, "could not apply the limit of 16 processes and threads");
    CHECK(says_so);
    return;
  }
  CHECK(result.outcome == StartOutcome::NeverListened);
  CHECK(contains(result.message, "limit of 16 processes"));
  // Far fewer forks succeeded than the fixture's own safety net of 400 allows.
  CHECK(fs::file_size(dir.path() / "forks") < 16);
  bool notes_it = false;
  for (const auto& note : server->notes()) notes_it = notes_it || contains(note, "limit of 16 processes");
  CHECK(notes_it);
}

TEST_CASE("output beyond the cap is reported as a note with the amount printed") {
  TempDir dir;
  LaunchSpec spec = spec_for("head -c 3145728 /dev/zero", dir.path());
  spec.output_cap = 1024;
  StartResult result;
  auto server = Server::start(spec, result);
  const auto notes = server->notes();
  REQUIRE(notes.size() >= 1);
  CHECK(notes[0] == "the server printed 3 MiB of output; roadwork kept only the last 1 KiB");
}

TEST_CASE("the run watchdog kills a server that outlives the run's time limit, and says so") {
  TempDir dir;
  LaunchSpec spec = spec_for("python3 " + kHttpServer, dir.path());
  spec.run_timeout = 300ms;
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE_MESSAGE(result.outcome == StartOutcome::Ready, result.message);
  const auto deadline = Clock::now() + 10s;
  while (server->running() && Clock::now() < deadline) std::this_thread::sleep_for(10ms);
  CHECK_FALSE(server->running());
  CHECK(server->exit_description() == "roadwork killed it when the run's time limit of 300 ms ran out");
  CHECK(server->ended_within(10s));
  server->stop();  // reaps everything: the listening socket is gone with its process
  CHECK_FALSE(roadwork::sandbox::loopback_port_accepts(spec.port));
}

TEST_CASE("processes that left the group with setsid are killed and reaped by stop()") {
  TempDir dir;
  // With a process limit the pids cgroup finds them (as root); without one, /proc and the marker do.
  std::uint64_t processes = 0;
  SUBCASE("found through /proc") { processes = 0; }
  SUBCASE("found through the pids cgroup") { processes = 64; }
  LaunchSpec spec = spec_for("setsid sleep 600 & echo escaped $!; python3 " + kHttpServer, dir.path());
  spec.limits.processes = processes;
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE_MESSAGE(result.outcome == StartOutcome::Ready, result.message);
  const pid_t escaped = printed_pid(*server, "escaped ");
  CHECK(process_alive(escaped));
  // The shell prints the pid as it starts the job, which may not have run setsid yet: a stop before then
  // kills it with the group, as no straggler.
  for (const auto until = std::chrono::steady_clock::now() + 10s;
       ::getpgid(escaped) == ::getpgid(server->pid()) && std::chrono::steady_clock::now() < until;) {
    std::this_thread::sleep_for(1ms);
  }
  const auto stopped = server->stop();
  CHECK(stopped.stragglers == 1);
  CHECK_FALSE(process_alive(escaped));
  CHECK((::kill(escaped, 0) == -1 && errno == ESRCH));  // reaped, not even a zombie
  bool notes_it = false;
  for (const auto& note : server->notes()) notes_it = notes_it || contains(note, "outside its process group");
  CHECK(notes_it);
}

TEST_CASE("a server in its own network namespace is reached by the starting thread and reaches nothing") {
  if (::geteuid() != 0) {
    // Without CAP_SYS_ADMIN the kernel refuses the namespace: roadwork says why, and a start that asks for
    // it fails rather than running the server unisolated.
    const auto reason = roadwork::sandbox::network_isolation_unavailable();
    REQUIRE(reason);
    CHECK_FALSE(reason->empty());
    TempDir dir;
    LaunchSpec spec = spec_for("python3 " + kHttpServer, dir.path());
    spec.isolate_network = true;
    StartResult result;
    CHECK_FALSE(Server::start(spec, result));
    CHECK(result.outcome == StartOutcome::SpawnFailed);
    CHECK(contains(result.message, "cannot isolate its network"));
    return;
  }
  // As root, a namespace that cannot be made is roadwork's failure, never a skip.
  const auto reason = roadwork::sandbox::network_isolation_unavailable();
  REQUIRE_MESSAGE(!reason, reason.value_or(""));
  TempDir dir;
  // A port that listens in roadwork's namespace: the isolated server must not reach it.
  const int outside = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(::bind(outside, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(outside, 1) == 0);
  REQUIRE(::getsockname(outside, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const int outside_port = ntohs(address.sin_port);

  const std::string probe =
      "import socket; s = socket.socket(); print(\"outside:\", s.connect_ex((\"127.0.0.1\", " +
      std::to_string(outside_port) + ")), flush=True)";
  LaunchSpec spec = spec_for(python(probe) + "; python3 " + kHttpServer, dir.path());
  spec.isolate_network = true;
  // A thread made before the server: threads made later start in their maker's namespace.
  std::promise<void> started;
  std::future<bool> other_thread_reaches = std::async(std::launch::async, [&, ready = started.get_future()] {
    ready.wait();
    return roadwork::sandbox::loopback_port_accepts(spec.port);
  });
  StartResult result;
  auto server = Server::start(spec, result);
  REQUIRE_MESSAGE(result.outcome == StartOutcome::Ready, result.message);
  CHECK(roadwork::sandbox::loopback_port_accepts(spec.port));  // this thread is in the server's namespace
  started.set_value();
  CHECK_FALSE(other_thread_reaches.get());
  CHECK(contains(server->output(), "outside: 111"));  // ECONNREFUSED: roadwork's listener is not there
  server->stop();
  CHECK_FALSE(roadwork::sandbox::loopback_port_accepts(spec.port));
  // Back home: roadwork's own listener is reachable from this thread again.
  CHECK(roadwork::sandbox::loopback_port_accepts(outside_port));
  ::close(outside);
}
