#include "app/sandbox/stragglers_linux.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <thread>
#include <unordered_map>

namespace roadwork::sandbox {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::vector<ProcessInfo> Stragglers::processes() const {
  std::vector<ProcessInfo> found;
  if (cgroup_ != nullptr) {
    for (const pid_t pid : cgroup_->members()) {
      if (auto info = read_process(pid)) found.push_back(*info);
    }
    return found;
  }
  const std::vector<ProcessInfo> all = list_processes();
  const pid_t self = ::getpid();
  std::unordered_map<pid_t, std::vector<const ProcessInfo*>> children;
  std::vector<const ProcessInfo*> pending;
  for (const ProcessInfo& process : all) {
    children[process.parent].push_back(&process);
    if (process.group == group_ ||
        (process.parent == self && !process.zombie() && environment_holds(process.pid, marker_))) {
      pending.push_back(&process);
    }
  }
  // The descendants of those: a process that left the group is still its parent's child.
  std::unordered_map<pid_t, bool> seen;
  while (!pending.empty()) {
    const ProcessInfo* process = pending.back();
    pending.pop_back();
    if (std::exchange(seen[process->pid], true)) continue;
    found.push_back(*process);
    for (const ProcessInfo* child : children[process->pid]) pending.push_back(child);
  }
  return found;
}

void Stragglers::kill() const {
  if (cgroup_ != nullptr) {
    cgroup_->kill_members();
    return;
  }
  for (const ProcessInfo& process : processes()) {
    if (!process.zombie()) signal_exactly(process, SIGKILL);
  }
}

std::size_t Stragglers::count_outside_group() const {
  const auto found = processes();
  return static_cast<std::size_t>(std::count_if(found.begin(), found.end(), [&](const ProcessInfo& process) {
    return process.group != group_ && !process.zombie();
  }));
}

std::size_t Stragglers::kill_and_reap(std::chrono::milliseconds patience) const {
  const auto deadline = Clock::now() + patience;
  const pid_t self = ::getpid();
  std::map<pid_t, ProcessInfo> killed;  // to reap later: a zombie's environment no longer shows the marker
  std::size_t count = 0;
  for (auto pause = 50us;; pause = std::min(pause * 2, std::chrono::microseconds(5ms))) {
    bool alive = false;
    for (const ProcessInfo& process : processes()) {
      if (process.zombie() && process.parent != self) continue;  // its parent, dying too, leaves it to us
      if (!killed.contains(process.pid) && !process.zombie()) ++count;
      if (!process.zombie()) {
        signal_exactly(process, SIGKILL);
        alive = true;
      }
      killed.emplace(process.pid, process);
    }
    // Reaped only while the pid still names the process killed, so no other child's status is taken.
    for (auto it = killed.begin(); it != killed.end();) {
      const auto now = read_process(it->first);
      if (!now || now->started != it->second.started) {
        it = killed.erase(it);
      } else if (now->zombie() && now->parent == self) {
        ::waitpid(it->first, nullptr, WNOHANG);
        it = killed.erase(it);
      } else {
        alive = true;
        ++it;
      }
    }
    if (!alive || Clock::now() >= deadline) return count;
    std::this_thread::sleep_for(pause);
  }
}

}  // namespace roadwork::sandbox
