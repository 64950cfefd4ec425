#include "app/checking/test_command_posix.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>

#include "app/sandbox/output_capture_posix.hpp"
#include "app/sandbox/process_posix.hpp"

namespace roadwork::checking {

namespace {

constexpr std::size_t kOutputCap = std::size_t{64} * 1024;
constexpr std::size_t kVerdictLines = 20;

}  // namespace

CommandOutcome run_test_command(const std::string& command, const std::filesystem::path& dir,
                                const std::map<std::string, std::string>& env,
                                std::chrono::steady_clock::time_point deadline,
                                sandbox::IsolationMode isolation,
                                const std::vector<std::filesystem::path>& hidden) {
  CommandOutcome outcome;
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
    outcome.error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return outcome;
  }
  UniqueFd write_end(pipe_ends[1]);
  std::unique_ptr<sandbox::OutputCapture> output;
  try {
    output = std::make_unique<sandbox::OutputCapture>(UniqueFd(pipe_ends[0]), kOutputCap);
  } catch (const std::system_error& e) {
    outcome.error = e.what();
    return outcome;
  }
  sandbox::SpawnRequest request;
  request.command = command;
  request.working_dir = dir;
  request.env = env;
  request.output_fd = write_end.get();
  sandbox::Confinement confinement;
  confinement.isolation = sandbox::isolation_for(isolation, {dir}, hidden);
  // Not reported here: where the kernel refuses isolation, the run's server start says so (`check --url`
  // starts none and, as before, runs the command unisolated without a word).
  std::optional<std::string> unisolated;
  auto child =
      sandbox::ChildProcess::spawn_isolated_where_permitted(request, outcome.error, confinement, unisolated);
  // Only the child may hold the write end, or the pipe would never report end of file.
  write_end.reset();
  if (!child) return outcome;
  while (!child->exit_status()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      outcome.timed_out = true;
      break;
    }
    child->wait_for_exit(deadline - now);
  }
  // The test command's own children (a test server it started, say) go with it.
  outcome.exit_code = child->kill_group_and_reap().code;
  if (outcome.timed_out) outcome.exit_code.reset();
  output->finish();
  outcome.last_output = output->last_lines(kVerdictLines);
  return outcome;
}

}  // namespace roadwork::checking
