// `thoth_static_server ROOT [PORT]`: the loopback test server as a program, for bench/ scripts.
// Prints its URL on stdout, then serves until stdin closes (the parent script ends it that way).
#include <iostream>
#include <string>

#include "tests/support/static_http_server.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: thoth_static_server ROOT [PORT]\n";
    return 2;
  }
  unsigned short port = argc > 2 ? static_cast<unsigned short>(std::stoi(argv[2])) : 0;
  thoth::testing::StaticHttpServer server(argv[1], true, port);
  std::cout << server.url() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  server.stop();
  return 0;
}
