#include "app/cli/cli.hpp"

int main(int argc, char** argv) { return roadwork::cli::main(argc, argv); }
