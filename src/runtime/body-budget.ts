// Bytes of request bodies held in memory before anyone is authenticated (issue 16): an `auth: signature` url
// must buffer the whole body before it can check the signature, and so must every url under --no-auth. Without
// a cap, 80 slow 10 MB bodies held ~570 MB. Each such request takes its bytes from one shared budget as they
// arrive (a declared Content-Length at once) and gives them back when its answer is written; a request that
// does not fit is answered 503 with Retry-After before more of its body is read.

export interface BodyReservation {
  /** Takes `bytes` more for this request; false (nothing taken) when the budget cannot hold them. */
  take(bytes: number): boolean;
  /** Gives back everything this request took (idempotent). */
  release(): void;
}

export interface BodyBudget {
  readonly limit: number;
  /** Bytes held now by every open reservation. */
  readonly used: number;
  open(): BodyReservation;
}

export function createBodyBudget(limit: number): BodyBudget {
  let used = 0;
  return {
    limit,
    get used() {
      return used;
    },
    open() {
      let mine = 0;
      return {
        take(bytes) {
          if (used + bytes > limit) return false;
          used += bytes;
          mine += bytes;
          return true;
        },
        release() {
          used -= mine;
          mine = 0;
        },
      };
    },
  };
}
