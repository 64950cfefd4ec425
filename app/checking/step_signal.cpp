// signal steps: send SIGTERM (or SIGINT, SIGHUP) to the server, optionally while a request is in flight, and
// check that the request completed and that the server exited soon and with the right status
// (exercises/README.md: signal). The server is started again afterwards for the steps that follow.

#include <fmt/format.h>
#include <signal.h>

#include <atomic>
#include <optional>
#include <thread>

#include "app/checking/accepted_connections_linux.hpp"
#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// How often the step looks for the accepted connection and for the server's exit: fine enough that the
// time to exit it reports is exact to a millisecond, cheap enough to not matter.
constexpr auto kPollInterval = 1ms;

// Waits until the server has accepted a connection it had not accepted before (the in-flight request's),
// the request has finished anyway, or `deadline`.
void wait_until_accepted(int pid, int port, const std::set<unsigned long>& before,
                         const std::atomic<bool>& finished, Clock::time_point deadline) {
  while (!finished && Clock::now() < deadline) {
    for (const auto inode : accepted_connections(pid, port)) {
      if (!before.count(inode)) return;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// "SIGKILL", or "signal 42" for one without a name.
std::string signal_name(int signo) {
  const char* abbreviation = ::sigabbrev_np(signo);
  return abbreviation ? fmt::format("SIG{}", abbreviation) : fmt::format("signal {}", signo);
}

// Why the exit status is not `expected`, or "" when it is. The shell in front of the server reports a
// server ended by signal N as status 128 + N.
std::string status_problem(const sandbox::StopResult& stop, const course::SignalStep& step) {
  if (stop.exit_code == step.exit_code) return "";
  if (stop.exit_code && *stop.exit_code > 128 && *stop.exit_code < 128 + NSIG) {
    return fmt::format(
        "{} killed the server (status {}) instead of letting it exit with status {}: handle {} and exit "
        "when the work in hand is done",
        signal_name(*stop.exit_code - 128), *stop.exit_code, step.exit_code, step.signal_name);
  }
  if (stop.exit_code) {
    return fmt::format("the server exited with status {} on {}; expected {}", *stop.exit_code,
                       step.signal_name, step.exit_code);
  }
  return fmt::format("the server was killed by {} after {}; expected it to exit with status {}",
                     signal_name(stop.term_signal.value_or(0)), step.signal_name, step.exit_code);
}

}  // namespace

report::StepResult run_step(const course::SignalStep& step, const PlannedStep&, StepContext& context) {
  if (!context.server) return needs_sandbox("signal");
  auto* process = context.server->process();
  if (!process || !process->running()) {
    return step_result(report::Verdict::Fail, "the server was not running when the step began",
                       server_tail(context));
  }

  std::optional<run::FileResult> in_flight;
  std::atomic<bool> finished = false;
  std::jthread requester;
  if (step.during) {
    const auto before = accepted_connections(process->pid(), context.server->port());
    requester = std::jthread([&] {
      in_flight = run::run_file(context.plan.file(*step.during), context.variables, context.run_options);
      finished = true;
    });
    wait_until_accepted(process->pid(), context.server->port(), before, finished,
                        Clock::now() + context.run_options.read_timeout);
  }

  const auto signalled = Clock::now();
  ::kill(-process->pid(), step.signal);  // the group: the shell in front and every process of the server
  const auto exited = process->ended_within(step.within) ? std::optional(Clock::now()) : std::nullopt;
  // Reaps the group; a server still running gets SIGTERM, the grace period, then SIGKILL.
  const auto stop = context.server->stop();
  const auto took = (exited ? *exited : Clock::now()) - signalled;
  if (requester.joinable()) requester.join();
  const auto output = server_tail(context);  // before the restart, whose process has an output of its own
  context.stopped_outputs.push_back({process->output(), process->dropped_bytes() > 0, step.signal_name});

  std::string problem;
  if (in_flight && !in_flight->passed()) {
    problem = fmt::format(
        "the request in flight when {} arrived did not complete as checked: a graceful "
        "shutdown finishes the requests in hand before exiting",
        step.signal_name);
  } else if (!exited && stop.killed) {
    problem = fmt::format("the server did not exit within {} after {}; it was killed after {}",
                          describe_duration(step.within), step.signal_name, describe_duration(took));
  } else if (!exited) {
    problem = fmt::format("took {} to exit after {}; the limit is {}", describe_duration(took),
                          step.signal_name, describe_duration(step.within));
  } else {
    problem = status_problem(stop, step);
  }

  auto result = step_result(problem.empty() ? report::Verdict::Pass : report::Verdict::Fail, problem,
                            problem.empty() ? "" : output);
  if (in_flight) result.files.push_back(std::move(*in_flight));
  const auto restart = context.server->start();
  if (restart.outcome != sandbox::StartOutcome::Ready) {
    const auto again =
        fmt::format("the server did not start again after {}: {}", step.signal_name, restart.message);
    result.message = result.message.empty() ? again : result.message + "\n" + again;
    result.output = restart.last_output;
    result.verdict = report::Verdict::Fail;
  }
  return result;
}

}  // namespace roadwork::checking
