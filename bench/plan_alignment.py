"""How long the alignment suggestion takes for a 50-commitment official plan against 60 agreed
commitments (issue 27: under a second). Pure Python over texts already loaded, so no database:
realistic OGP-template texts, the adopted ones reworded (words dropped, swapped, added).

    python -m bench.plan_alignment [--agreed 60] [--adopted 50] [--repeat 5]
"""
import argparse
import random
import time
from types import SimpleNamespace

from forum.plans.compare import suggest

WORDS = ("publicar datos abiertos contratos compras públicas agendas autoridades registro beneficiarios "
         "finales presupuesto participativo regional municipal educación salud ambiente fiscalización "
         "sanciones información acceso transparencia rendición cuentas participación ciudadana portal "
         "georreferenciada mensual trimestral indicadores vigilancia comunidades periodistas gobiernos "
         "integridad conflictos intereses declaraciones juradas lobby obras infraestructura agua minería").split()


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def plans(n_agreed: int, n_adopted: int, seed: int = 7):
    rng = random.Random(seed)
    agreed = [(i, SimpleNamespace(title=text(rng, 6), description=text(rng, 60), problem=text(rng, 40)))
              for i in range(1, n_agreed + 1)]
    adopted = []
    for j, (_i, v) in enumerate(rng.sample(agreed, n_adopted), 1):
        def reword(s):
            words = s.split()
            rng.shuffle(words[: len(words) // 4])
            return " ".join(w for w in words if rng.random() > 0.2) + " " + text(rng, 5)
        adopted.append(SimpleNamespace(id=j, title=reword(v.title), description=reword(v.description),
                                       problem=reword(v.problem)))
    return agreed, adopted


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--agreed", type=int, default=60)
    p.add_argument("--adopted", type=int, default=50)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    agreed, adopted = plans(args.agreed, args.adopted)
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        found = suggest(agreed, adopted)
        times.append(time.perf_counter() - t)
    print(f"alignment suggestion: {args.adopted} adopted against {args.agreed} agreed, "
          f"{len(found)} pairs suggested, best of {args.repeat}: {min(times) * 1000:.1f} ms, "
          f"worst: {max(times) * 1000:.1f} ms (target: under 1000 ms)")


if __name__ == "__main__":
    main()
