using DongNai.Fuzz;

// The SharpFuzz harness (fuzz/README.md): "instrument <assembly>…" adds afl-fuzz's coverage to the
// targets' assemblies in place; a target name runs that target on standard input, for every input
// under afl-fuzz and once outside it (to replay a crash: dotnet DongNai.Fuzz.dll cursors < crash).
return FuzzProgram.Run(args);
