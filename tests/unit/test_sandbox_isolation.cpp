// Isolation of learner processes (app/sandbox/isolation_linux.hpp) against real /bin/sh children: what an
// isolated process sees, may write, and who it runs as. Skipped, with the kernel's reason, only where the
// kernel refuses namespaces (then roadwork marks its reports "not isolated"; see README.md "How it works").

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/sandbox/process_posix.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using namespace roadwork::sandbox;
using roadwork::testing::TempDir;

namespace {

struct Run {
  int status = -1;
  std::string output;
};

// Runs `script` isolated with `writable` and `hidden`, in the first writable folder; its status and output.
Run run_isolated(const std::string& script, const std::vector<fs::path>& writable,
                 const std::vector<fs::path>& hidden = {}) {
  int pipe_ends[2];
  REQUIRE(::pipe2(pipe_ends, O_CLOEXEC) == 0);
  Confinement confinement;
  confinement.isolation = {true, writable, hidden, sandbox_user()};
  std::string error;
  auto child = ChildProcess::spawn({script, writable.front(), {}, pipe_ends[1], {}}, error, confinement);
  ::close(pipe_ends[1]);
  REQUIRE_MESSAGE(child, error);
  Run run;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;)
    run.output.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_ends[0]);
  child->wait_for_exit(std::chrono::seconds(10));
  run.status = child->kill_group_and_reap().code.value_or(-1);
  return run;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("an isolated process writes its folders and a private /tmp, and nothing else") {
  if (const auto reason = isolation_unavailable()) {
    MESSAGE("the kernel refuses namespaces here: " << *reason);
    return;
  }
  TempDir project, data, outside;
  std::ofstream(outside.path() / "kept") << "as it was\n";
  const Run run =
      run_isolated("exec 2>/dev/null; echo own > own && echo data > " + (data.path() / "data").string() +
                       " && echo tmp > /tmp/t && " + "! echo x >> " + (outside.path() / "kept").string() +
                       " && ! touch /usr/roadwork-x" + " && ! touch " + (outside.path() / "new").string() +
                       " && echo done",
                   {project.path(), data.path()});
  CHECK_MESSAGE(run.status == 0, run.output);
  CHECK(run.output == "done\n");
  CHECK(read_file(project.path() / "own") == "own\n");
  CHECK(read_file(data.path() / "data") == "data\n");
  CHECK(read_file(outside.path() / "kept") == "as it was\n");
  CHECK(!fs::exists(outside.path() / "new"));
  CHECK(!fs::exists("/tmp/t"));
}

TEST_CASE(
    "an isolated process is pid 1 of its own PID namespace, sees only its own processes, and is no root") {
  if (isolation_unavailable()) return;
  TempDir project;
  const Run run = run_isolated(
      "echo $$; ls /proc | grep -c '^[0-9]'; id -u; cat /etc/shadow >/dev/null 2>&1 || echo no-shadow",
      {project.path()});
  CHECK_MESSAGE(run.status == 0, run.output);
  CHECK(run.output.starts_with("1\n"));
  // The shell, ls and grep: a handful at most, never the machine's processes.
  const auto second_line = run.output.substr(2, run.output.find('\n', 2) - 2);
  CHECK(std::stoi(second_line) <= 4);
  CHECK(run.output.find("no-shadow") != std::string::npos);
  if (::geteuid() == 0) CHECK(run.output.find("\n0\n") == std::string::npos);
}

TEST_CASE("a hidden folder shows empty; a writable folder inside it stays reachable") {
  if (isolation_unavailable()) return;
  TempDir grader;
  std::ofstream(grader.path() / "grades.db") << "secret\n";
  const fs::path copy = grader.path() / "runs" / "code";
  fs::create_directories(copy);
  const Run run = run_isolated("ls -A " + grader.path().string() + "; echo mine > mine && cat mine", {copy},
                               {grader.path()});
  CHECK_MESSAGE(run.status == 0, run.output);
  CHECK(run.output == "runs\nmine\n");
  CHECK(read_file(copy / "mine") == "mine\n");
  CHECK(read_file(grader.path() / "grades.db") == "secret\n");
}
