#include "app/sandbox/server.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "app/sandbox/output_capture_posix.hpp"
#include "app/sandbox/process_posix.hpp"
#include "app/sandbox/readiness_posix.hpp"

namespace roadwork::sandbox {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr std::size_t kVerdictLines = 20;

// dash does not exec the last command of `sh -c`, so the shell stays the group leader with the server as its
// child. Untrapped, SIGTERM kills the shell at once, and stop() would see the leader gone and SIGKILL a
// server still shutting down gracefully. Trapped, the shell waits for its foreground command and then exits
// with that command's status (143 if SIGTERM killed it), so the grace period and the status are the
// server's. The trap is not inherited: exec resets caught signals to their default.
std::string shell_script(const std::string& command) { return "trap : TERM; " + command; }

// "300 ms", "10 s", "2.5 s": how a learner reads a timeout.
std::string describe_duration(milliseconds duration) {
  const auto ms = duration.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

// "SIGSEGV", or "signal 42" for one without a name.
std::string signal_name(int signo) {
  const char* abbreviation = ::sigabbrev_np(signo);
  return abbreviation ? fmt::format("SIG{}", abbreviation) : fmt::format("signal {}", signo);
}

// Fills the outcome, status fields and message for a leader that ended before the port accepted.
void describe_exit(const LaunchSpec& spec, const ExitStatus& status, StartResult& result) {
  result.exit_code = status.code;
  result.term_signal = status.signal;
  result.outcome = StartOutcome::ExitedEarly;
  if (status.code == 127) {
    result.outcome = StartOutcome::CommandNotFound;
    result.message = fmt::format("command not found: `{}` (the shell exited with 127)", spec.command);
  } else if (status.code == 126) {
    result.outcome = StartOutcome::NotExecutable;
    result.message = fmt::format(
        "command not executable: `{}` (the shell exited with 126; check the file's execute permission)",
        spec.command);
  } else if (status.code > 128 && status.code < 128 + NSIG) {
    // The shell's way of saying its command died of a signal (the trap keeps the shell alive to say it).
    result.message =
        fmt::format("the server exited with status {} (killed by {}) before listening on port {}",
                    *status.code, signal_name(*status.code - 128), spec.port);
  } else if (status.code) {
    result.message =
        fmt::format("the server exited with status {} before listening on port {}", *status.code, spec.port);
  } else if (status.signal) {
    result.message = fmt::format("the server was killed by {} before listening on port {}",
                                 signal_name(*status.signal), spec.port);
  } else {
    result.message = fmt::format("the server ended before listening on port {}", spec.port);
  }
}

}  // namespace

class Server::Impl {
 public:
  Impl(const LaunchSpec& spec, ChildProcess child, std::unique_ptr<OutputCapture> output)
      : spec(spec), child(std::move(child)), output(std::move(output)) {}

  StopResult stop() {
    if (stopped) return *stopped;
    const auto began = Clock::now();
    StopResult result;
    if (!child.exit_status()) {
      child.signal_group(SIGTERM);
      const auto deadline = began + spec.grace;
      for (auto now = began; !child.exit_status() && now < deadline; now = Clock::now()) {
        child.wait_for_exit(deadline - now);
      }
      result.killed = !child.exit_status();
    }
    // Whatever the leader left behind in its group goes too, so nothing outlives stop().
    const ExitStatus status = child.kill_group_and_reap();
    result.elapsed = duration_cast<microseconds>(Clock::now() - began);
    result.exit_code = status.code;
    result.term_signal = status.signal;
    output->finish();
    stopped = result;
    return result;
  }

  LaunchSpec spec;
  ChildProcess child;
  std::unique_ptr<OutputCapture> output;
  std::optional<StopResult> stopped;
};

std::unique_ptr<Server> Server::start(const LaunchSpec& spec, StartResult& result) {
  const auto began = Clock::now();
  result = StartResult{};
  const auto fail = [&](std::string message) {
    result.outcome = StartOutcome::SpawnFailed;
    result.message = "could not start the server: " + std::move(message);
    result.elapsed = duration_cast<microseconds>(Clock::now() - began);
    return nullptr;
  };

  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0)
    return fail(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  UniqueFd read_end(pipe_ends[0]);
  UniqueFd write_end(pipe_ends[1]);
  std::unique_ptr<OutputCapture> output;
  try {
    output = std::make_unique<OutputCapture>(std::move(read_end), spec.output_cap);
  } catch (const std::system_error& error) {
    return fail(error.what());
  }

  const NewListeners listeners;
  std::string error;
  std::optional<ChildProcess> child =
      ChildProcess::spawn({shell_script(spec.command), spec.working_dir, spec.env, write_end.get()}, error);
  // Only the child may hold the write end, or the pipe would never report end of file.
  write_end.reset();
  if (!child) return fail(error);
  auto impl = std::make_unique<Impl>(spec, std::move(*child), std::move(output));

  const Readiness readiness =
      wait_until_listening(impl->child, spec.port, listeners, began + spec.startup_timeout);
  result.elapsed = duration_cast<microseconds>(Clock::now() - began);
  switch (readiness.kind) {
    case Readiness::Accepting:
      result.outcome = StartOutcome::Ready;
      result.message = fmt::format("the server listens on port {} (ready after {} ms)", spec.port,
                                   duration_cast<milliseconds>(result.elapsed).count());
      break;
    case Readiness::Exited:
      describe_exit(spec, impl->child.exit_status().value_or(ExitStatus{}), result);
      break;
    case Readiness::WrongPort:
      result.outcome = StartOutcome::WrongPort;
      result.other_port = readiness.other_port;
      result.message = fmt::format(
          "the server listens on port {}, but PORT is {} (read the port from the PORT environment variable)",
          *readiness.other_port, spec.port);
      break;
    case Readiness::TimedOut:
      result.outcome = StartOutcome::NeverListened;
      result.message = fmt::format("the server did not listen on port {} within {}", spec.port,
                                   describe_duration(spec.startup_timeout));
      break;
  }
  if (result.outcome != StartOutcome::Ready) {
    // Taken before stop(), whose SIGTERM adds noise ("Terminated") that is not why the start failed.
    impl->output->drain();
    result.last_output = impl->output->last_lines(kVerdictLines);
    impl->stop();
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { impl_->stop(); }

bool Server::running() { return !impl_->child.exit_status(); }

std::string Server::output() { return impl_->output->contents(); }

std::size_t Server::dropped_bytes() { return impl_->output->dropped(); }

std::string Server::last_lines(std::size_t count) { return impl_->output->last_lines(count); }

StopResult Server::stop() { return impl_->stop(); }

int Server::port() const { return impl_->spec.port; }

int Server::pid() const { return impl_->child.pid(); }

}  // namespace roadwork::sandbox
