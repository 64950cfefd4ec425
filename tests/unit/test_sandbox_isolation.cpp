// Isolation of learner processes (app/sandbox/isolation_linux.hpp) against real /bin/sh children: what an
// isolated process sees, may write, and who it runs as. Skipped, with the kernel's reason, only where the
// kernel itself refuses the namespaces (then roadwork marks its reports "not isolated"; see README.md "How it
// works"); where the kernel permits them, roadwork failing to isolate is a failure.

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/sandbox/process_posix.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using namespace roadwork::sandbox;
using roadwork::UniqueFd;
using roadwork::testing::read_file;
using roadwork::testing::skip;
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

// Why this kernel refuses the namespaces isolation needs, asked of the kernel itself (a child that unshares
// them: a user namespace too as a normal user), not of roadwork's code; nullopt where it permits them.
std::optional<std::string> kernel_refuses_namespaces() {
  int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS;
  if (::geteuid() != 0) flags |= CLONE_NEWUSER;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(::unshare(flags) == 0 ? 0 : errno);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::nullopt;
  return std::string("unshare: ") + std::strerror(WIFEXITED(status) ? WEXITSTATUS(status) : EINVAL);
}

// True when the test can go on: the kernel permits namespaces, and then roadwork must be able to isolate.
bool isolation_expected() {
  if (const auto refused = kernel_refuses_namespaces()) {
    skip("the kernel refuses namespaces here (" + *refused + ")");
    return false;
  }
  const auto reason = isolation_unavailable();
  REQUIRE_MESSAGE(!reason,
                  "the kernel permits namespaces, but roadwork cannot isolate: " << reason.value_or(""));
  return true;
}

}  // namespace

TEST_CASE("an isolated process writes its folders and a private /tmp, and nothing else") {
  if (!isolation_expected()) return;
  TempDir project, data, outside;
  std::ofstream(outside.path() / "kept") << "as it was\n";
  // A name of its own in the machine's /tmp, which the private /tmp must keep from it.
  const fs::path in_tmp = "/tmp/" + project.path().filename().string() + "-t";
  const Run run =
      run_isolated("exec 2>/dev/null; echo own > own && echo data > " + (data.path() / "data").string() +
                       " && echo tmp > " + in_tmp.string() + " && ! echo x >> " +
                       (outside.path() / "kept").string() + " && ! touch /usr/roadwork-x" + " && ! touch " +
                       (outside.path() / "new").string() + " && echo done",
                   {project.path(), data.path()});
  CHECK_MESSAGE(run.status == 0, run.output);
  CHECK(run.output == "done\n");
  CHECK(read_file(project.path() / "own") == "own\n");
  CHECK(read_file(data.path() / "data") == "data\n");
  CHECK(read_file(outside.path() / "kept") == "as it was\n");
  CHECK(!fs::exists(outside.path() / "new"));
  CHECK(!fs::exists(in_tmp));
}

TEST_CASE(
    "an isolated process is pid 1 of its own PID namespace, sees only its own processes, and is no root") {
  if (!isolation_expected()) return;
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
  if (::geteuid() == 0)
    CHECK(run.output.find("\n0\n") == std::string::npos);
  else  // in its user namespace, the user's own uid and no other
    CHECK(run.output.find(std::string("\n").append(std::to_string(::getuid())).append("\n")) !=
          std::string::npos);
}

TEST_CASE("a hidden folder shows empty; a writable folder inside it stays reachable") {
  if (!isolation_expected()) return;
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

TEST_CASE(
    "as root, a writable folder under a folder the sandbox's user cannot pass is reached, and only it") {
  if (!isolation_expected()) return;
  if (::geteuid() != 0) {
    skip("only root runs servers as another user (a normal user's servers keep its own uid)");
    return;
  }
  TempDir home;  // as /root is: 0700, owned by root
  fs::permissions(home.path(), fs::perms::owner_all, fs::perm_options::replace);
  std::ofstream(home.path() / ".secret") << "root's\n";
  const fs::path project = home.path() / "ws" / "notes", modules = home.path() / "pack" / "node_modules";
  fs::create_directories(project);
  fs::create_directories(modules / "express");
  std::ofstream(modules / "express" / "index.js") << "module.exports = 1;\n";
  fs::create_directory_symlink(modules, project / "node_modules");  // as checking::link_pack_modules makes
  const Run run =
      run_isolated("exec 2>/dev/null; echo mine > mine && cat node_modules/express/index.js && ls -A " +
                       home.path().string() + " && ! echo x > node_modules/x",
                   {project});
  CHECK_MESSAGE(run.status == 0, run.output);
  CHECK(run.output == "module.exports = 1;\npack\nws\n");  // .secret is not in sight
  CHECK(read_file(project / "mine") == "mine\n");
  CHECK(!fs::exists(modules / "x"));
}

// Graders start isolated servers from several threads (grade --jobs), while other threads come and go. Each
// start with a writable folder makes helper processes for its idmapped mounts; two helpers made at the same
// moment once held each other's pipe and waited for each other forever. And a child cloned while another
// thread was being created once hung in glibc's setresuid, which waits for every thread it knows of. Both
// races are timing-dependent: this test makes them likely, not certain.
TEST_CASE("isolated processes started from several threads at once never wait on each other") {
  if (!isolation_expected()) return;
  constexpr int kThreads = 8, kStartsEach = 20;
  static std::atomic<int> finished{0}, started_well{0};  // static: detached threads outlive a failed test
  std::thread([] {  // threads created and ended all the time, as a grader's watchdogs are
    while (finished < kThreads) std::thread([] {}).join();
  })
      .detach();
  for (int t = 0; t < kThreads; ++t) {
    // Detached, so that a hang fails the test below instead of hanging the suite.
    std::thread([] {
      for (int i = 0; i < kStartsEach; ++i) {
        TempDir project, data;
        Confinement confinement;
        confinement.isolation = {true, {project.path(), data.path()}, {}, sandbox_user()};
        const UniqueFd output(::open("/dev/null", O_WRONLY | O_CLOEXEC));
        std::string error;
        auto child =
            ChildProcess::spawn({"exit 0", project.path(), {}, output.get(), {}}, error, confinement);
        if (!child) continue;
        child->wait_for_exit(std::chrono::seconds(10));
        if (child->kill_group_and_reap().code == 0) ++started_well;
      }
      ++finished;
    }).detach();
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (finished < kThreads && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE_MESSAGE(finished == kThreads, "isolated starts from several threads hung");
  CHECK(started_well.load() == kThreads * kStartsEach);
}

TEST_CASE("an isolated spawn that fails for a reason of its own stays a failure, never an unisolated start") {
  if (!isolation_expected()) return;
  TempDir project;
  Confinement confinement;
  confinement.isolation = {true, {project.path()}, {}, sandbox_user()};
  const UniqueFd output(::open("/dev/null", O_WRONLY | O_CLOEXEC));
  std::string error;
  std::optional<std::string> unisolated;
  const auto missing = project.path() / "missing";
  const auto failed = ChildProcess::spawn_isolated_where_permitted({"exit 0", missing, {}, output.get(), {}},
                                                                   error, confinement, unisolated);
  CHECK(!failed);
  CHECK_MESSAGE(!unisolated, unisolated.value_or(""));
  CHECK_MESSAGE(error.starts_with("cannot enter the working directory " + missing.string()), error);

  // The same spawn where it can work runs isolated: pid 1 of its own PID namespace.
  int pipe_ends[2];
  REQUIRE(::pipe2(pipe_ends, O_CLOEXEC) == 0);
  auto child = ChildProcess::spawn_isolated_where_permitted({"echo $$", project.path(), {}, pipe_ends[1], {}},
                                                            error, confinement, unisolated);
  ::close(pipe_ends[1]);
  REQUIRE_MESSAGE(child, error);
  CHECK(!unisolated);
  char buffer[64] = {};
  CHECK(::read(pipe_ends[0], buffer, sizeof buffer - 1) > 0);
  ::close(pipe_ends[0]);
  CHECK(std::string(buffer) == "1\n");
  child->wait_for_exit(std::chrono::seconds(10));
  CHECK(child->kill_group_and_reap().code == 0);
}

TEST_CASE(
    "as root, on a filesystem that refuses idmapped mounts, a spawn falls back to unisolated unless "
    "isolation is required") {
  if (::geteuid() != 0) {
    skip("mounting a ramfs needs root");
    return;
  }
  if (!isolation_expected()) return;
  TempDir folder;
  const UniqueFd output(::open("/dev/null", O_WRONLY | O_CLOEXEC));
  // In a child with a mount namespace of its own, where a ramfs (which refuses idmapped mounts) covers the
  // folder; its exit status says which expectation failed.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount("ramfs", folder.path().c_str(), "ramfs", 0, nullptr) != 0) {
      ::_exit(10);
    }
    Confinement confinement;
    confinement.isolation = {true, {folder.path()}, {}, sandbox_user(), true};
    std::string error;
    std::optional<std::string> unisolated;
    if (ChildProcess::spawn_isolated_where_permitted({"exit 0", folder.path(), {}, output.get(), {}}, error,
                                                     confinement, unisolated) ||
        unisolated || error.empty()) {
      ::_exit(11);
    }
    confinement.isolation.required = false;
    auto child = ChildProcess::spawn_isolated_where_permitted({"exit 0", folder.path(), {}, output.get(), {}},
                                                              error, confinement, unisolated);
    if (!child || !unisolated || unisolated->find("refuses idmapped mounts") == std::string::npos)
      ::_exit(12);
    child->wait_for_exit(std::chrono::seconds(10));
    ::_exit(child->kill_group_and_reap().code == 0 ? 0 : 13);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK_MESSAGE(WIFEXITED(status), "the child was ended by a signal");
  // 10: no ramfs; 11: required isolation fell back or did not fail; 12: no fallback; 13: it did not run.
  CHECK(WEXITSTATUS(status) == 0);
}
