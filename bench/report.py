#!/usr/bin/python3
"""Turns the JSON lines written by bench/run.sh into Markdown tables: speed, arithmetic rate and memory."""

import json
import sys


def ratio(numerator, denominator):
    return f"{numerator / denominator:.1f}x" if numerator and denominator else "n/a"


def number(value, digits=1):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def main(path):
    with open(path) as file:
        lines = [json.loads(line) for line in file if line.strip()]
    machine = next((line["machine"] for line in lines if "machine" in line), {})
    results = {}
    for line in lines:
        if "implementation" in line:
            results.setdefault(line["name"], {})[line["implementation"]] = line
    names = list(results)
    for name in names:
        pair = results[name]
        if len(pair) == 2 and abs(pair["gansharp"]["gflop_per_step"] / pair["pytorch"]["gflop_per_step"] - 1) > 1e-6:
            print(f"WARNING: {name} counts {pair['gansharp']['gflop_per_step']:.6f} GFLOP per step in GanSharp and "
                  f"{pair['pytorch']['gflop_per_step']:.6f} in PyTorch, so the two networks differ.\n")

    print(f"Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, load average "
          f"{machine.get('load_average', '?')} at the start; .NET SDK {machine.get('dotnet', '?')}; "
          f"Debian python3-torch {machine.get('python_torch', '?')} with BLAS {machine.get('blas', '?')}.")
    first = next(iter(results.values()), {}).get("gansharp", {})
    print(f"Threads: {first.get('threads', '?')} in both.\n")

    print("| benchmark | batch | GanSharp steps/s (IQR) | PyTorch steps/s (IQR) | GanSharp / PyTorch "
          "| GanSharp images/s | PyTorch images/s | GanSharp CPU ms/step | PyTorch CPU ms/step |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in names:
        ours, theirs = results[name].get("gansharp"), results[name].get("pytorch")
        row = [name, str((ours or theirs)["batch_size"])]
        for result in (ours, theirs):
            row.append("n/a" if result is None else
                       f"{number(result['steps_per_second'])} ({number(result['steps_per_second_q1'])}–"
                       f"{number(result['steps_per_second_q3'])})")
        row.append(ratio(ours and ours["steps_per_second"], theirs and theirs["steps_per_second"]))
        row += [number(result and result["images_per_second"], 0) for result in (ours, theirs)]
        row += [number(result and result["cpu_milliseconds_per_step"], 2) for result in (ours, theirs)]
        print("| " + " | ".join(row) + " |")

    print("\n| benchmark | GFLOP per step | GanSharp GFLOP/s | GanSharp matmul GFLOP/s | GanSharp share "
          "| PyTorch GFLOP/s | PyTorch matmul GFLOP/s | PyTorch share |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        ours, theirs = results[name].get("gansharp"), results[name].get("pytorch")
        row = [name, number((ours or theirs)["gflop_per_step"], 4)]
        for result in (ours, theirs):
            if result is None:
                row += ["n/a"] * 3
            else:
                row += [number(result["gflops"]), number(result["matmul_gflops"]),
                        f"{100 * result['gflops'] / result['matmul_gflops']:.0f} %"]
        print("| " + " | ".join(row) + " |")

    print("\n| benchmark | GanSharp peak RSS MiB | PyTorch peak RSS MiB | GanSharp / PyTorch "
          "| GanSharp RSS after first repeat → end | PyTorch RSS after first repeat → end | GanSharp managed bytes/step |")
    print("|---|---|---|---|---|---|---|")
    for name in names:
        ours, theirs = results[name].get("gansharp"), results[name].get("pytorch")
        row = [name, number(ours and ours["peak_rss_mib"], 0), number(theirs and theirs["peak_rss_mib"], 0),
               ratio(ours and ours["peak_rss_mib"], theirs and theirs["peak_rss_mib"])]
        for result in (ours, theirs):
            row.append("n/a" if result is None else
                       f"{number(result['rss_by_repeat_mib'][0], 0)} → {number(result['rss_at_end_mib'], 0)}")
        row.append(number(ours and ours["managed_bytes_per_step"], 0))
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
