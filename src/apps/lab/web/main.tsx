import { render } from "preact";
import type { ComponentType } from "preact";
import { lazy, Suspense } from "preact/compat";
import "./styles.css";
import { ClusteringPage } from "./pages/clustering.js";
import { ComparePage } from "./pages/compare.js";
import { LinearPage } from "./pages/linear.js";
import { MdpPage } from "./pages/mdp.js";
import { MinimisePage } from "./pages/minimise.js";
import { RootsPage } from "./pages/roots.js";

// TensorFlow.js is most of the bundle: the neural page loads it when it opens.
const NeuralPage = lazy(() => import("./pages/neural.js").then((module) => module.NeuralPage));

/** The lab's pages, in the order of the navigation bar. */
const pages: readonly { readonly id: string; readonly title: string; readonly page: ComponentType }[] = [
  { id: "roots", title: "Roots (1-D)", page: RootsPage },
  { id: "minimise", title: "Minimisation (2-D)", page: MinimisePage },
  { id: "linear", title: "Linear systems", page: LinearPage },
  { id: "clustering", title: "Clustering", page: ClusteringPage },
  { id: "mdp", title: "MDPs", page: MdpPage },
  { id: "neural", title: "Neural training", page: NeuralPage },
  { id: "compare", title: "Compare", page: ComparePage },
];

function Lab() {
  const id = new URLSearchParams(window.location.search).get("page") ?? "roots";
  const current = pages.find((entry) => entry.id === id) ?? pages[0];
  const Page = current?.page ?? RootsPage;
  return (
    <>
      <header>
        <h1>iterlab lab</h1>
        <nav aria-label="pages">
          {pages.map((entry) => (
            <a key={entry.id} href={`?page=${entry.id}`} aria-current={entry.id === current?.id ? "page" : undefined}>
              {entry.title}
            </a>
          ))}
        </nav>
      </header>
      <Suspense fallback={<p>loading…</p>}>
        <Page />
      </Suspense>
    </>
  );
}

const root = document.getElementById("app");
if (root !== null) render(<Lab />, root);
