#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/core/unique_fd.hpp"
#include "app/term/pager.hpp"
#include "app/term/terminal.hpp"

extern char** environ;

namespace roadwork::term {

namespace {

// The shell's status for "command not found": the pager is not installed.
constexpr int kCommandNotFound = 127;

int terminal_rows(int fd) {
  winsize size{};
  return ::ioctl(fd, TIOCGWINSZ, &size) == 0 ? size.ws_row : 0;
}

// While the pager runs, roadwork ignores SIGINT and SIGQUIT, which the terminal sends to both (less uses
// Ctrl-C to stop a search; roadwork exiting would leave less fighting the shell for the terminal), and
// SIGPIPE, which a pager quit before the end would raise. The old actions come back on destruction.
class IgnoredSignals {
 public:
  static constexpr std::array<int, 3> kSignals = {SIGINT, SIGQUIT, SIGPIPE};

  IgnoredSignals() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &ignore, &saved_[i]);
  }
  ~IgnoredSignals() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) ::sigaction(kSignals[i], &saved_[i], nullptr);
  }
  IgnoredSignals(const IgnoredSignals&) = delete;
  IgnoredSignals& operator=(const IgnoredSignals&) = delete;

 private:
  std::array<struct sigaction, kSignals.size()> saved_{};
};

// posix_spawn's attributes and file actions for the pager: its stdin is `input`, and the signals roadwork
// ignores are back to their defaults in it (ignored signals would otherwise stay ignored across exec).
class PagerSpawn {
 public:
  explicit PagerSpawn(int input) {
    ::posix_spawn_file_actions_init(&actions_);
    ::posix_spawn_file_actions_adddup2(&actions_, input, STDIN_FILENO);
    ::posix_spawnattr_init(&attributes_);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int signo : IgnoredSignals::kSignals) sigaddset(&defaults, signo);
    ::posix_spawnattr_setsigdefault(&attributes_, &defaults);
    ::posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGDEF);
  }
  ~PagerSpawn() {
    ::posix_spawn_file_actions_destroy(&actions_);
    ::posix_spawnattr_destroy(&attributes_);
  }
  PagerSpawn(const PagerSpawn&) = delete;
  PagerSpawn& operator=(const PagerSpawn&) = delete;

  /// Starts `/bin/sh -c command` with `environment`; the child's pid, or -1.
  pid_t start(const std::string& command, std::vector<std::string> environment) {
    std::vector<char*> envp;
    envp.reserve(environment.size() + 1);
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    std::string shell = "/bin/sh", flag = "-c", script = command;
    std::array<char*, 4> argv = {shell.data(), flag.data(), script.data(), nullptr};
    pid_t pid = -1;
    const int error = ::posix_spawn(&pid, shell.c_str(), &actions_, &attributes_, argv.data(), envp.data());
    return error == 0 ? pid : -1;
  }

 private:
  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attributes_;
};

std::string pager_command() {
  const char* pager = std::getenv("PAGER");
  return pager != nullptr && pager[0] != '\0' ? pager : "less -R";
}

// roadwork's environment, plus the settings git gives less when the learner has none: F quits at once when
// the text fits after all, R shows colours, X keeps the text on screen after quitting.
std::vector<std::string> pager_environment() {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
  if (std::getenv("LESS") == nullptr) environment.emplace_back("LESS=FRX");
  if (std::getenv("LV") == nullptr) environment.emplace_back("LV=-c");
  return environment;
}

// Runs the pager on `text`; false when it could not be started or is not installed, so the caller prints.
bool page(std::string_view text) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  const IgnoredSignals ignored;
  PagerSpawn spawn(read_end.get());
  const pid_t pid = spawn.start(pager_command(), pager_environment());
  if (pid < 0) return false;
  read_end.reset();
  write_all(write_end.get(), text);
  write_end.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return !(WIFEXITED(status) && WEXITSTATUS(status) == kCommandNotFound);
}

}  // namespace

void show_paged(std::string_view text) {
  std::fflush(stdout);  // what was printed with stdio comes first
  if (is_terminal(STDOUT_FILENO)) {
    const auto rows = terminal_rows(STDOUT_FILENO);
    if (rows > 0 && std::count(text.begin(), text.end(), '\n') >= rows && page(text)) return;
  }
  write_all(STDOUT_FILENO, text);
}

}  // namespace roadwork::term
