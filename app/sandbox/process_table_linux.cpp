#include "app/sandbox/process_table_linux.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

#include "app/sandbox/kernel_files_linux.hpp"

namespace roadwork::sandbox {
namespace {

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};
using Dir = std::unique_ptr<DIR, DirCloser>;

std::optional<pid_t> pid_named(const char* name) {
  if (*name == '\0') return std::nullopt;
  pid_t pid = 0;
  for (const char* c = name; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9') return std::nullopt;
    pid = pid * 10 + (*c - '0');
  }
  return pid;
}

// Raw read() into a stack buffer: this runs for every process on the system, at every stop.
std::optional<ProcessInfo> parse_stat(int proc_dir, const char* pid_text) {
  char path[64];
  std::snprintf(path, sizeof path, "%s/stat", pid_text);
  UniqueFd file(::openat(proc_dir, path, O_RDONLY | O_CLOEXEC));
  if (!file) return std::nullopt;
  char text[1024];
  const ssize_t n = ::read(file.get(), text, sizeof text - 1);
  if (n <= 0) return std::nullopt;
  text[n] = '\0';
  // The command name before the fields may hold spaces and ')', so parsing starts after the last ')'.
  const char* close = std::strrchr(text, ')');
  ProcessInfo info;
  unsigned long long started = 0;
  // Fields 3-5 (state, ppid, pgrp), then 20 (num_threads) and 22 (starttime), per proc(5).
  if (close == nullptr ||
      std::sscanf(close + 1, " %c %d %d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld %*d %llu",
                  &info.state, &info.parent, &info.group, &info.threads, &started) != 5) {
    return std::nullopt;
  }
  info.started = started;
  return info;
}

UniqueFd open_proc() { return UniqueFd(::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)); }

}  // namespace

std::optional<ProcessInfo> read_process(pid_t pid) {
  const UniqueFd proc = open_proc();
  if (!proc) return std::nullopt;
  auto info = parse_stat(proc.get(), std::to_string(pid).c_str());
  if (info) info->pid = pid;
  return info;
}

std::vector<ProcessInfo> list_processes() {
  std::vector<ProcessInfo> processes;
  Dir proc(::opendir("/proc"));
  if (!proc) return processes;
  while (const dirent* entry = ::readdir(proc.get())) {
    const auto pid = pid_named(entry->d_name);
    if (!pid) continue;
    if (auto info = parse_stat(::dirfd(proc.get()), entry->d_name)) {
      info->pid = *pid;
      processes.push_back(*info);
    }
  }
  return processes;
}

std::vector<pid_t> process_tree(pid_t leader) {
  std::vector<pid_t> tree{leader};
  for (std::size_t next = 0; next < tree.size(); ++next) {
    const std::string tasks = "/proc/" + std::to_string(tree[next]) + "/task";
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(tasks.c_str()), ::closedir);
    if (!dir) continue;
    while (const dirent* entry = ::readdir(dir.get())) {
      if (entry->d_name[0] == '.') continue;
      std::ifstream children(tasks + "/" + entry->d_name + "/children");
      for (pid_t child = 0; children >> child;) tree.push_back(child);
    }
  }
  return tree;
}

std::uint64_t count_user_tasks(uid_t uid) {
  std::uint64_t tasks = 0;
  Dir proc(::opendir("/proc"));
  if (!proc) return tasks;
  while (const dirent* entry = ::readdir(proc.get())) {
    struct stat owner {};
    if (!pid_named(entry->d_name) || ::fstatat(::dirfd(proc.get()), entry->d_name, &owner, 0) != 0 ||
        owner.st_uid != uid) {
      continue;
    }
    if (const auto info = parse_stat(::dirfd(proc.get()), entry->d_name)) {
      tasks += static_cast<std::uint64_t>(std::max(info->threads, 1L));
    }
  }
  return tasks;
}

bool environment_holds(pid_t pid, std::string_view entry) {
  const std::string path = "/proc/" + std::to_string(pid) + "/environ";
  UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file) return false;
  // Entries are NUL-terminated; read in chunks, carrying a partial entry over to the next chunk.
  std::string pending;
  char chunk[4096];
  ssize_t n;
  while ((n = ::read(file.get(), chunk, sizeof chunk)) > 0) {
    pending.append(chunk, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t end; (end = pending.find('\0', start)) != std::string::npos; start = end + 1) {
      if (std::string_view(pending).substr(start, end - start) == entry) return true;
    }
    pending.erase(0, start);
  }
  return false;
}

bool signal_exactly(const ProcessInfo& process, int signo) {
  // The raw syscall: Debian 12's <sys/pidfd.h> lacks extern "C", so its wrapper does not link from C++.
  const UniqueFd pidfd = open_pidfd(process.pid);
  if (!pidfd) return false;
  const auto now = read_process(process.pid);
  if (!now || now->started != process.started) return false;
  return ::syscall(SYS_pidfd_send_signal, pidfd.get(), signo, nullptr, 0) == 0;
}

}  // namespace roadwork::sandbox
