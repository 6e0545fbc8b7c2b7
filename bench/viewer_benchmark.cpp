// Placeholder: the viewer benchmark follows.
int main() { return 0; }
