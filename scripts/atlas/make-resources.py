#!/usr/bin/env python3
"""Write resources/atlas/<name>/ from the converted public data sets (read their SOURCE.md first).

Usage: python3 scripts/atlas/make-resources.py [DATA_DIR]   (default /work/shared/data/atlas)
Each folder gets the tidy CSV the lab imports (summary format: one row per run) and LICENSE (verbatim upstream),
and nothing else; ATTRIBUTION.md, NOTICE and atlas.json (the registry) are written by hand and committed beside them.
Only what the claims and the plots need is kept; each ATTRIBUTION.md says what was left out.
"""
import csv, math, os, shutil, sys

DATA = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/atlas'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'resources', 'atlas')


def rows(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def write(name, file, header, body):
    os.makedirs(os.path.join(OUT, name), exist_ok=True)
    with open(os.path.join(OUT, name, file), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(body)


def num(v):
    """'' for a missing value (empty or nan), else the value as written upstream."""
    return '' if v.strip().lower() in ('', 'nan') else v


def flag(v):
    return '1' if v == 'True' else '0'


def licence(name, src, files):
    for f in files:
        shutil.copyfile(os.path.join(DATA, src, f), os.path.join(OUT, name, 'LICENSE' if f == 'LICENSE.upstream' else f.replace('LICENSE.data-', 'LICENSE.data.')))


# OLMo ladder: the 25 ladder runs (reruns included, flagged) and the two targets the paper predicts
src = 'bhagia2024-olmo-ladder'
keep_targets = {'peteish7_eval_anneal', 'peteish13_eval_final'}
body = []
for r in rows(os.path.join(DATA, src, 'runs.csv')):
    target = r['role'].startswith('target')
    if target and r['run_id'] not in keep_targets:
        continue
    body.append([r['run_id'], 'OLMo ladder' if not target else 'OLMo target', r['params_n'], r['tokens_final'], r['train_flops_final'],
                 r['ce_c4_en_final'], flag(r['in_paper_main_fit']), '1' if target else '0', r['chinchilla_multiple'] or '', flag(r['is_rerun'])])
write('olmo-ladder', 'runs.csv', ['name', 'family', 'params', 'tokens', 'flops', 'ce_c4_en', 'in_paper_main_fit', 'is_target', 'chinchilla_multiple', 'is_rerun'], body)
licence('olmo-ladder', src, ['LICENSE.upstream'])

# Routed language models: one row per run at its final step (the curves are left out)
src = 'clark2022-routing'
body = []
for r in rows(os.path.join(DATA, src, 'final_runs.csv')):
    body.append([f"run-{r['run_id']}", r['router_type'], r['params_total'], r['params_dense_active'], r['experts'], r['experts_per_token_k'],
                 r['train_flops_est'], r['routing_frequency'], r['seed'], r['step'], num(r['loss_validation']), num(r['loss_c4']), num(r['loss_pile'])])
write('routing', 'runs.csv', ['name', 'family', 'params', 'active_params', 'experts', 'top_k', 'flops', 'routing_frequency', 'seed', 'final_step',
                              'loss_validation', 'loss_c4', 'loss_pile'], body)
licence('routing', src, ['LICENSE.upstream', 'LICENSE.data-CC-BY-4.0.txt'])

# Data-constrained scaling: the paper's default fit set (notebook cell 25, 182 finished runs)
src = 'muennighoff2023-datablations'
body = []
for r in rows(os.path.join(DATA, src, 'runs.csv')):
    if r['notebook_cell'] != '25' or r['used_in_fit'] != 'True':
        continue
    body.append([r['run_name'], 'datablations C4', r['params'], r['tokens'], r['train_flops_6ND'], r['unique_tokens'], r['epochs'], r['loss_val']])
write('datablations', 'runs.csv', ['name', 'family', 'params', 'tokens', 'flops', 'unique_tokens', 'epochs', 'loss_c4'], body)
licence('datablations', src, ['LICENSE.upstream'])

# Observational scaling: the 148 base models and their eight benchmark scores (the instruct models and the
# extra task files are left out)
src = 'ruan2024-obsscaling'
BENCH = ['mmlu', 'arc_c', 'hellaswag', 'winograd', 'truthfulqa', 'gsm8k', 'xwinograd', 'humaneval']
body = []
for r in rows(os.path.join(DATA, src, 'base_models.csv')):
    body.append([r['model'], r['model_family'], num(r['params']), num(r['pretrain_tokens']), num(r['train_flops'])]
                + [num(r['score_' + b]) for b in BENCH] + [flag(r['in_paper_main_analysis'])])
write('obsscaling', 'models.csv', ['name', 'family', 'params', 'tokens', 'flops'] + ['score_' + b for b in BENCH] + ['in_paper_main_analysis'], body)
licence('obsscaling', src, ['LICENSE.upstream'])
print('written to', os.path.normpath(OUT))
