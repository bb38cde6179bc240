using DongNai.Fuzz;

// The SharpFuzz harness (fuzz/README.md): "instrument <assembly>…" adds afl-fuzz's coverage to the
// targets' assemblies in place; a target name runs that target under afl-fuzz (input on stdin);
// "replay <target> <file>" runs one input, as a crash found by afl-fuzz, outside it.
return FuzzProgram.Run(args);
