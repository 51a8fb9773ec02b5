fn main() -> std::process::ExitCode {
    aimap::cli::main()
}
