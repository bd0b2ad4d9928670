package main

import (
	"bufio"
	"context"
	"os"
	"strings"

	"github.com/newshound/newshound/internal/evaluate/extraction"
	"github.com/newshound/newshound/internal/evaluate/quotes"
	"github.com/newshound/newshound/internal/evaluate/summaries"
)

func cmdEval(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "extract|summary|quotes|stories --data PATH", `
Measure newshound's quality on evaluation data (see ../shared/data/README.md):

  extract  --data DIR   main-text extraction of newshound and of plain
                        go-trafilatura, side by side: ScrapingHub (4-gram
                        shingles), trafilatura's evaluation set (snippets;
                        also per language) and readability test pages
                        (shingles of the curated text); DIR is one of these
                        or a directory holding them. Precision, recall, F1
                        overall and per fold (pages split by site); pages/s
                        on one core; peak memory. --pages lists every page.
                        With --meta DIR also title, byline, date and
                        language agreement on readability test pages.
                        --dump FILE writes every page's text and metadata
                        under both (diff two dumps to see what a change
                        changed); --cpuprofile FILE profiles newshound's
                        timed run (FILE.<set> when DIR holds several)
  summary  --data FILE  ROUGE-1/2/L F1 of newshound's summaries and of
                        Lead-3, per dataset (CNN/DM, XSum)
  quotes   --data DIR   direct quotes and speakers on a PolNeAR split
                        (precision, recall, speaker accuracy, speakers that
                        are pronouns or fragments, per outlet); --split and
                        --outlets choose the articles; with --cases DIR also
                        the textacy unit cases; with --html DIR also the
                        speakers found in the HTML pages under DIR that are
                        pronouns or fragments, per language
  stories  --data FILE  same-story clustering of headlines (UCI News
                        Aggregator JSON lines): pairwise, cross-outlet,
                        day-split and B-cubed scores per time fold beside
                        the README's baselines; items/s, memory; with
                        --out FILE each item's cluster as JSON lines; with
                        --texts FILE (the summary set's JSON lines) what
                        the full text adds, on stories assembled from it`)
	data := fs.String("data", "", "the evaluation data (required)")
	meta := fs.String("meta", "", "extract: readability-test-pages directory for metadata agreement")
	pages := fs.Bool("pages", false, "extract: also print each page's F1 under newshound and the plain library")
	dump := fs.String("dump", "", "extract: write every page's text and metadata under newshound and the plain library to this file, and measure nothing")
	cpuprofile := fs.String("cpuprofile", "", "extract: write the CPU profile of newshound's timed extraction to this file")
	cases := fs.String("cases", "", "quotes: the unit-cases directory, if not ../unit-cases beside --data")
	split := fs.String("split", "dev", "quotes: the PolNeAR split (dev, train, annotator-training)")
	outlets := fs.String("outlets", "", "quotes: only these outlets, comma-separated (nyt,breitbart,…)")
	htmlDir := fs.String("html", "", "quotes: a directory of HTML pages (e.g. trafilatura-eval/pages) for the per-language speaker check")
	examples := fs.Bool("examples", false, "quotes: with --html, list the rejected speakers")
	lenient := fs.Bool("lenient-pronouns", false, "quotes: a pronoun source also stands for the nearest description before it (the two-term president … he said)")
	annotatedOnly := fs.Bool("pronouns-annotated-only", false, "quotes: a pronoun source stands only for annotated sources, not for the recent sentence subject (the scoring before issue 12's speaker work)")
	out := fs.String("out", "", "stories: write each item's cluster to this file")
	texts := fs.String("texts", "", "stories: the summary set (pairs.validation.jsonl) to assemble stories from and measure what the full text adds")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if err := parseFlags(fs, args); err != nil {
			return err // --help, or a flag mistake
		}
		fs.Usage()
		return usageError("eval needs extract, summary, quotes or stories")
	}
	what := args[0]
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *data == "" {
		fs.Usage()
		return usageError("eval %s needs --data", what)
	}
	switch what {
	case "extract":
		if *dump != "" {
			return dumpExtraction(*data, *dump)
		}
		extraction.CPUProfile = *cpuprofile
		reps, err := extraction.Evaluate(*data)
		if err != nil {
			return err
		}
		for _, rep := range reps {
			rep.Write(e.stdout)
			if *pages {
				rep.WritePages(e.stdout)
			}
		}
		if *meta != "" {
			m, err := extraction.ReadabilityMetadata(*meta)
			if err != nil {
				return err
			}
			m.Write(e.stdout)
		}
	case "summary":
		reps, err := summaries.Evaluate(*data)
		if err != nil {
			return err
		}
		summaries.WriteReports(e.stdout, reps)
	case "quotes":
		quotes.LenientPronouns = *lenient
		quotes.PronounsByAnnotationOnly = *annotatedOnly
		var rep quotes.Report
		var err error
		if *split == "dev" && *outlets == "" {
			rep, err = quotes.PolNeAR(*data) // also runs ../unit-cases beside it, when present
		} else {
			var only []string
			if *outlets != "" {
				only = strings.Split(*outlets, ",")
			}
			rep, err = quotes.SplitOutlets(*data, *split, only)
		}
		if err != nil {
			return err
		}
		if *cases != "" {
			passed, total, failures, err := quotes.UnitCases(*cases)
			if err != nil {
				return err
			}
			rep.UnitCases, rep.UnitPassed, rep.Failures = total, passed, failures
		}
		rep.Write(e.stdout)
		if *htmlDir != "" {
			pr, err := quotes.Pages(*htmlDir)
			if err != nil {
				return err
			}
			pr.Write(e.stdout, *examples)
		}
	case "stories", "cluster":
		return evalStories(e, *data, *out, *texts)
	default:
		return usageError("eval: unknown measurement %q (extract, summary, quotes or stories)", what)
	}
	return nil
}

// dumpExtraction writes extraction.Dump of the benchmarks under data to the
// file out.
func dumpExtraction(data, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := extraction.Dump(data, w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
