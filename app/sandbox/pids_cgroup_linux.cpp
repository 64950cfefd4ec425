#include "app/sandbox/pids_cgroup_linux.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/sandbox/kernel_files_linux.hpp"

namespace roadwork::sandbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kPrefix = "roadwork-";

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

bool lists(std::string_view comma_separated, std::string_view item) {
  for (std::size_t start = 0; start <= comma_separated.size();) {
    const auto end = std::min(comma_separated.find(',', start), comma_separated.size());
    if (comma_separated.substr(start, end - start) == item) return true;
    start = end + 1;
  }
  return false;
}

// The folders of roadwork's own cgroup in each hierarchy that may have a pids controller, from the lines
// "ID:CONTROLLERS:PATH" of /proc/self/cgroup. cgroup v2's line is "0::PATH"; it is mounted at
// /sys/fs/cgroup, or at /sys/fs/cgroup/unified beside v1 hierarchies.
std::vector<std::string> candidate_parents() {
  std::vector<std::string> parents;
  std::istringstream lines(read_file("/proc/self/cgroup"));
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string_view controllers = std::string_view(line).substr(first + 1, second - first - 1);
    std::string path = line.substr(second + 1);
    if (path == "/") path.clear();
    if (controllers.empty()) {
      parents.push_back("/sys/fs/cgroup" + path);
      parents.push_back("/sys/fs/cgroup/unified" + path);
    } else if (lists(controllers, "pids")) {
      parents.push_back("/sys/fs/cgroup/" + std::string(controllers) + path);
    }
  }
  return parents;
}

// Empty cgroups of roadwork processes that were killed before they could remove them. A cgroup that still
// holds processes refuses rmdir and stays, which is right: something may still be running there.
void remove_stale(const std::string& parent) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kPrefix)) continue;
    pid_t owner = 0;
    const char* digits = name.c_str() + std::strlen(kPrefix);
    std::from_chars(digits, name.c_str() + name.size(), owner);
    if (owner > 0 && ::kill(owner, 0) != 0 && errno == ESRCH) ::rmdir(entry.path().c_str());
  }
}

std::vector<pid_t> parse_pids(const std::string& text) {
  std::vector<pid_t> pids;
  std::istringstream numbers(text);
  for (pid_t pid; numbers >> pid;) pids.push_back(pid);
  return pids;
}

}  // namespace

std::unique_ptr<PidsCgroup> PidsCgroup::create(std::uint64_t max_tasks) {
  static std::atomic<unsigned> serial{0};
  static std::once_flag cleaned;
  for (const auto& parent : candidate_parents()) {
    // A plain folder (the tmpfs that holds cgroup v1 mounts) is not a cgroup: mkdir would succeed there.
    if (::access((parent + "/cgroup.procs").c_str(), W_OK) != 0) continue;
    std::call_once(cleaned, [&] { remove_stale(parent); });
    const std::string path =
        parent + "/" + kPrefix + std::to_string(::getpid()) + "-" + std::to_string(serial++);
    if (::mkdir(path.c_str(), 0755) != 0) continue;
    UniqueFd procs(::open((path + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC));
    // Without pids.max this hierarchy has no pids controller for our children (cgroup v2 without it in
    // the parent's cgroup.subtree_control): no good to us.
    if (!procs || !write_control_file((path + "/pids.max").c_str(), std::to_string(max_tasks))) {
      ::rmdir(path.c_str());
      continue;
    }
    return std::unique_ptr<PidsCgroup>(new PidsCgroup(path, std::move(procs)));
  }
  return nullptr;
}

void PidsCgroup::warm_up() {
  for (const auto& parent : candidate_parents()) {
    // "0" is the writer's own process: a move into the cgroup it is in already.
    if (write_control_file((parent + "/cgroup.procs").c_str(), "0")) return;
  }
}

PidsCgroup::~PidsCgroup() {
  // The kernel refuses to remove a cgroup until its last member has exited, which SIGKILL makes prompt.
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  for (auto pause = 100us;; pause = std::min(pause * 2, std::chrono::microseconds(20ms))) {
    kill_members();
    if (::rmdir(path_.c_str()) == 0 || errno != EBUSY || std::chrono::steady_clock::now() > deadline) return;
    std::this_thread::sleep_for(pause);
  }
}

std::vector<pid_t> PidsCgroup::members() const { return parse_pids(read_file(path_ + "/cgroup.procs")); }

bool PidsCgroup::limit_reached() const {
  // pids.events is "max N": N forks failed because of pids.max.
  std::istringstream events(read_file(path_ + "/pids.events"));
  std::string key;
  std::uint64_t count = 0;
  while (events >> key >> count) {
    if (key == "max") return count > 0;
  }
  return false;
}

void PidsCgroup::kill_members() const {
  if (write_control_file((path_ + "/cgroup.kill").c_str(), "1")) return;
  // One by one. A pid read here could name another process by the time it is signalled only if the member
  // exited, was reaped and the kernel handed its pid out again within microseconds, which pids allocated in
  // increasing order make as good as impossible.
  for (int pass = 0; pass < 100; ++pass) {
    const auto pids = members();
    if (pids.empty()) return;
    for (const pid_t pid : pids) ::kill(pid, SIGKILL);
  }
}

}  // namespace roadwork::sandbox
