#include <cstdio>
int main() { std::puts("lnseg"); return 0; }
