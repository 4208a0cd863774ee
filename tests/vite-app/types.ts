// Type-checks the installed package's entry points as a storefront's TypeScript would import
// them (`tsc -p tests/vite-app`, run by .ci/test-package): the module, the widgets and their
// element types. Not part of the Vite build.
import init, { Checker, type Listing, type Screening, type Verdict } from "aftersales";
import { AftersalesBadge, AftersalesPrecheck, LOCALES, negotiate, type PrecheckOrder } from "aftersales/widgets";

export async function storefront(listing: Listing): Promise<[Screening, Verdict | null, string]> {
  await init();
  const checker = new Checker();
  const screening: Screening = checker.screen(listing, negotiate(navigator.language));
  const badge: AftersalesBadge = document.createElement("aftersales-badge");
  badge.listing = listing;
  const precheck: AftersalesPrecheck = document.createElement("aftersales-precheck");
  precheck.items = [{ listing, quantity: 1 }];
  const order: PrecheckOrder | null = precheck.order;
  const hash: string = order?.acknowledgment?.policy_hash ?? checker.info().policies[0].hash;
  const claim = document.createElement("aftersales-claim");
  return [screening, claim.verdict, `${LOCALES.join()} ${checker.info().version} ${hash}`];
}

// The two halves of the storefront build: each typed with its own methods only.
import initScreen, { Checker as ScreenChecker } from "aftersales/screen";
import initClaims, { Checker as ClaimsChecker, type Claim } from "aftersales/claims";

export async function halves(listings: Listing[], claim: Claim): Promise<[Screening[], Verdict]> {
  await initScreen();
  await initClaims();
  const screener = new ScreenChecker();
  const judge = new ClaimsChecker();
  // @ts-expect-error the screening half has no judge
  screener.judge(claim, Date.now());
  // @ts-expect-error the claims half has no screenBatch
  judge.screenBatch(listings);
  return [screener.screenBatch(listings, "ja"), judge.judge(claim, Date.now(), "ja")];
}
