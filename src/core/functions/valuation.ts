/** The integration premium on EV/EBITDA multiples: the note's Valuation paragraph. */
import { defineFunction } from "../runner";

/** "A valuation premium of 15–25% EBITDA multiples for vertically integrated AI platforms". */
export const STACK_PREMIUM = { low: 0.15, mid: 0.2, high: 0.25 } as const;
export const STACK_LAYERS = 3;

/** M · (1 + premium · n/3): the full premium for owning all three of chips, cloud and token pricing. */
export function stackMultiple(
  baseMultiple: number,
  layersOwned: number,
  bound: keyof typeof STACK_PREMIUM
): number {
  return multipleWithPremium(baseMultiple, layersOwned, STACK_PREMIUM[bound]);
}

/** The same at any premium (a fraction): the risk engine draws the premium within 15–25%. */
export function multipleWithPremium(
  baseMultiple: number,
  layersOwned: number,
  premium: number
): number {
  return baseMultiple * (1 + (premium * layersOwned) / STACK_LAYERS);
}

export const STACK_MULTIPLE = defineFunction({
  name: "STACK_MULTIPLE",
  description:
    "EV/EBITDA multiple with the note's 15–25% premium for owning chips, cloud and token pricing.",
  returns: "EV/EBITDA multiple (×).",
  format: '0.0"x"',
  source:
    'Valuation paragraph: "a valuation premium of 15–25% EBITDA multiples for vertically integrated AI platforms"',
  zh: {
    description:
      "计入研报所述15–25%一体化溢价后的EV/EBITDA估值倍数（溢价来自同时掌握芯片、云和Token定价）。",
    returns: "EV/EBITDA倍数（×）。",
    source: "估值部分：“垂直一体化AI平台可享15–25%的EBITDA估值倍数溢价”",
  },
  broadcast: true,
  params: [
    {
      name: "base_multiple",
      kind: "number",
      unit: "× EBITDA",
      min: 0,
      description: "EV/EBITDA multiple of a non-integrated peer, at least 0.",
      zh: { description: "非一体化可比公司的EV/EBITDA倍数，不小于0。", unit: "EBITDA倍数" },
    },
    {
      name: "layers_owned",
      kind: "number",
      unit: "layers",
      min: 0,
      max: STACK_LAYERS,
      integer: true,
      description: "How many of chips, cloud and token pricing the company owns: 0, 1, 2 or 3.",
      zh: { description: "公司掌握芯片、云、Token定价这三层中的几层：0、1、2或3。", unit: "层" },
    },
    {
      name: "bound",
      kind: "choice",
      options: ["low", "mid", "high"],
      default: "mid",
      description: 'Premium: "low" 15%, "mid" 20% or "high" 25%.',
      zh: { description: '溢价："low"为15%，"mid"为20%，"high"为25%。' },
    },
  ],
  examples: [
    {
      formula: "=CNAI.STACK_MULTIPLE(10,3)",
      expected: 12,
      result: "12.0x: the 20% mid premium for a fully integrated stack",
      zh: { result: "12.0x：全栈一体化，取20%的中值溢价" },
    },
    {
      formula: '=CNAI.STACK_MULTIPLE(10,3,"high")',
      expected: 12.5,
      result: "12.5x",
      zh: { result: "12.5x：取25%的高值溢价" },
    },
    {
      formula: "=CNAI.STACK_MULTIPLE(10,0)",
      expected: 10,
      result: "10.0x: no premium without integration",
      zh: { result: "10.0x：未一体化则无溢价" },
    },
  ],
  compute: (baseMultiple, layersOwned, bound) =>
    stackMultiple(baseMultiple, layersOwned, bound as keyof typeof STACK_PREMIUM),
});
