/**
 * Examples of every operation for the OpenAPI document: parameters, request bodies and answers,
 * taken from a running atlas on the seed graph (lists cut to their first items, long texts
 * shortened). test/integration/openapi.test.ts checks that every operation has them, that the
 * answers fit the declared schemas and that the parameters give a real answer.
 */

export interface OperationExamples {
  /** Values of path and query parameters. */
  params?: Record<string, unknown>;
  request?: unknown;
  response?: unknown;
}

export const EXAMPLES: Record<string, OperationExamples> = {
  listPathways: {
    params: {},
    response: {
      pathways: [
        {
          number: 1,
          cases: 21,
          name: 'A culture of sustainability',
          id: 'pathway-1',
          transformation: 'socio-cultural',
          title:
            'Build a local culture of sustainability in which every resident has equal access to municipal services, whatever their age, faith, ethnic background or gende...',
          goals: [5],
        },
        {
          number: 2,
          cases: 17,
          name: 'Citizens as co-creators',
          id: 'pathway-2',
          transformation: 'socio-cultural',
          title:
            'Involve citizens not only in planning but in carrying out local change, through co-production, co-design and co-innovation.',
          goals: [17],
        },
      ],
    },
  },
  getPathway: {
    params: {
      number: 12,
    },
    response: {
      number: 12,
      cases: 30,
      name: 'Procurement that accelerates innovation',
      description:
        'Public authorities spend large sums, and how they buy can pull new solutions onto the market. By stating needs rather than products, engaging suppliers early...',
      initiatives: [
        {
          name: 'AI4Cities',
          id: 'initiative-ai4cities',
        },
        {
          name: 'Big Buyers Initiative',
          id: 'initiative-big-buyers',
        },
      ],
      id: 'pathway-12',
      transformation: 'technological',
      title: 'Use public procurement to speed up innovation in the market and bring better, more sustainable solutions into use.',
      goals: [
        {
          number: 8,
          colour: '#A21942',
          sources: [
            {
              date: '2016-04-29',
              id: 'src-basque-declaration',
              title:
                'The Basque Declaration: New Pathways for European Cities and Towns to create productive, sustainable and resilient cities for a liveable and inclusive Europe',
              url: 'https://sustainablecities.eu/the-basque-declaration/',
            },
          ],
          name: 'Decent work and economic growth',
          id: 'sdg-8',
          basis: 'curated',
          rationale: 'Procurement that rewards innovation raises productivity through technological upgrading (target 8.2).',
        },
        {
          number: 12,
          colour: '#BF8B2E',
          sources: [
            {
              date: '2016-04-29',
              id: 'src-basque-declaration',
              title:
                'The Basque Declaration: New Pathways for European Cities and Towns to create productive, sustainable and resilient cities for a liveable and inclusive Europe',
              url: 'https://sustainablecities.eu/the-basque-declaration/',
            },
          ],
          name: 'Responsible consumption and production',
          id: 'sdg-12',
          basis: 'curated',
          rationale: 'Innovation-oriented public procurement is a form of sustainable public procurement (target 12.7).',
        },
      ],
    },
  },
  listPathwayCases: {
    params: {
      number: 12,
      limit: 2,
      offset: 0,
    },
    response: {
      pathway: {
        name: 'Procurement that accelerates innovation',
        number: 12,
        id: 'pathway-12',
        transformation: 'technological',
        title: 'Use public procurement to speed up innovation in the market and bring better, more sustainable solutions into use.',
      },
      total: 30,
      limit: 2,
      offset: 0,
      cases: [
        {
          summary:
            'Orléans Métropole procured an innovative solution that captures heat from urban wastewater to supply clean energy to residential and university buildings, in...',
          year: 2025,
          name: "Orléans Métropole's innovation procurement for energy from wastewater",
          id: 'case-orleans-wastewater-heat-recovery',
          outcome:
            'A significant cut in local greenhouse gas emissions with a replicable model. Winner of the 2025 Procura+ Award for Innovation Procurement of the Year.',
          status: 'ongoing',
          places: [
            {
              name: 'Orléans',
              country: 'FR',
              placeType: 'city',
              id: 'place-orleans',
            },
          ],
          pathways: [
            {
              number: 6,
              sources: [
                {
                  id: 'src-igpn-procura-finalists-2025',
                  title: 'Jury reveals 2025 Procura+ Awards finalists',
                  date: '2025-09-29',
                  url: 'http://www.igpn.org/news/2025/09/jury_reveals_2025_procura_awar.html',
                },
              ],
              name: 'Challenges as local economic opportunities',
              id: 'pathway-6',
              transformation: 'socio-economic',
              basis: 'curated',
            },
          ],
          goals: [
            {
              number: 13,
              colour: '#3F7E44',
              sources: [
                {
                  id: 'src-iclei-procura-awards-2025',
                  title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
                  date: '2025-10-14',
                  url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
                },
              ],
              name: 'Climate action',
              id: 'sdg-13',
              basis: 'curated',
            },
          ],
          targets: [
            {
              id: 'target-6-3',
              code: '6.3',
              basis: 'curated',
              sources: [
                {
                  id: 'src-iclei-procura-awards-2025',
                  title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
                  date: '2025-10-14',
                  url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Innovation procurement',
              id: 'approach-innovation-procurement',
            },
          ],
          themes: [
            {
              name: 'Energy',
              id: 'theme-energy',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Orléans Métropole',
              id: 'org-orleans-metropole',
            },
          ],
          sources: [
            {
              date: '2025-09-29',
              id: 'src-igpn-procura-finalists-2025',
              title: 'Jury reveals 2025 Procura+ Awards finalists',
              sourceType: 'news',
              url: 'http://www.igpn.org/news/2025/09/jury_reveals_2025_procura_awar.html',
            },
          ],
        },
        {
          summary:
            "In the European Commission's Big Buyers for Climate and Environment initiative, run by ICLEI and Eurocities, 17 public authorities formed a working group on...",
          year: 2022,
          name: "Big Buyers' joint statement of demand for zero-emission construction machinery",
          id: 'case-big-buyers-zero-emission-construction-statement',
          outcome:
            'A clear signal to manufacturers that demand exists; the work continues from 2023 as a community of practice led by Oslo within Big Buyers Working Together.',
          status: 'ongoing',
          places: [
            {
              name: 'Barcelona',
              country: 'ES',
              placeType: 'city',
              id: 'place-barcelona',
            },
          ],
          pathways: [
            {
              number: 12,
              sources: [
                {
                  id: 'src-pbc-zecs-statement',
                  title: 'Joint Statement of Demand of Zero Emission Construction Sites Working Group',
                  date: '2022',
                  url: 'https://public-buyers-community.ec.europa.eu/resources/joint-statement-demand-zero-emission-construction-sites-working-group',
                },
              ],
              name: 'Procurement that accelerates innovation',
              id: 'pathway-12',
              transformation: 'technological',
              basis: 'curated',
            },
          ],
          goals: [
            {
              number: 13,
              colour: '#3F7E44',
              sources: [
                {
                  id: 'src-pbc-zecs-statement',
                  title: 'Joint Statement of Demand of Zero Emission Construction Sites Working Group',
                  date: '2022',
                  url: 'https://public-buyers-community.ec.europa.eu/resources/joint-statement-demand-zero-emission-construction-sites-working-group',
                },
              ],
              name: 'Climate action',
              id: 'sdg-13',
              basis: 'stated',
            },
          ],
          targets: [
            {
              id: 'target-8-8',
              code: '8.8',
              basis: 'curated',
              sources: [
                {
                  id: 'src-pbc-zecs-statement',
                  title: 'Joint Statement of Demand of Zero Emission Construction Sites Working Group',
                  date: '2022',
                  url: 'https://public-buyers-community.ec.europa.eu/resources/joint-statement-demand-zero-emission-construction-sites-working-group',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Joint procurement',
              id: 'approach-joint-procurement',
            },
          ],
          themes: [
            {
              name: 'Climate',
              id: 'theme-climate',
            },
          ],
          initiatives: [
            {
              name: 'Big Buyers working group on zero-emission construction sites',
              id: 'initiative-big-buyers-zero-emission-construction-sites',
            },
          ],
          organisations: [
            {
              name: 'Barcelona',
              id: 'place-barcelona',
            },
          ],
          sources: [
            {
              date: '2021-12-06',
              id: 'src-ip-big-buyers-market-dialogue-2021',
              title: 'Big Buyers approaching market to achieve zero-emission construction sites',
              sourceType: 'news',
              url: 'https://innovation-procurement.org/news/?c=search&uid=6wFcbqev',
            },
          ],
        },
      ],
      next: 'https://atlas.example.org/api/v1/pathways/12/cases?limit=2&offset=2',
      prev: null,
    },
  },
  listGoals: {
    params: {},
    response: {
      goals: [
        {
          number: 1,
          colour: '#E5243B',
          cases: 14,
          name: 'No poverty',
          pathways: [4],
          id: 'sdg-1',
          title: 'End poverty in all its forms everywhere',
          targets: 7,
          uri: 'http://metadata.un.org/sdg/1',
        },
        {
          number: 2,
          colour: '#DDA63A',
          cases: 21,
          name: 'Zero hunger',
          pathways: [6],
          id: 'sdg-2',
          title: 'End hunger, achieve food security and improved nutrition and promote sustainable agriculture',
          targets: 8,
          uri: 'http://metadata.un.org/sdg/2',
        },
      ],
    },
  },
  getGoal: {
    params: {
      number: 12,
    },
    response: {
      number: 12,
      colour: '#BF8B2E',
      name: 'Responsible consumption and production',
      pathways: [
        {
          name: 'Conscientious purchasing',
          number: 9,
          id: 'pathway-9',
          transformation: 'socio-economic',
          rationale: 'Conscientious purchasing by public bodies is sustainable public procurement (target 12.7).',
        },
        {
          name: 'Towards a circular economy',
          number: 10,
          id: 'pathway-10',
          transformation: 'socio-economic',
          rationale: 'Reducing resource demand and waste matches targets 12.2 (efficient use of natural resources) and 12.5 (less waste).',
        },
      ],
      id: 'sdg-12',
      title: 'Ensure sustainable consumption and production patterns',
      targets: [
        {
          id: 'target-12-1',
          code: '12.1',
          text: 'Implement the 10-Year Framework of Programmes on Sustainable Consumption and Production Patterns, all countries taking action, with developed countries takin...',
          cases: 0,
        },
        {
          id: 'target-12-2',
          code: '12.2',
          text: 'By 2030, achieve the sustainable management and efficient use of natural resources',
          cases: 9,
        },
      ],
      uri: 'http://metadata.un.org/sdg/12',
    },
  },
  listGoalCases: {
    params: {
      number: 12,
      limit: 2,
      offset: 0,
    },
    response: {
      goal: {
        name: 'Responsible consumption and production',
        number: 12,
        colour: '#BF8B2E',
        id: 'sdg-12',
        title: 'Ensure sustainable consumption and production patterns',
      },
      total: 83,
      limit: 2,
      offset: 0,
      cases: [
        {
          summary:
            'Under the motto "Leave no one behind", UNDP Uzbekistan used public procurement to modernise water infrastructure and bring clean water to remote communities...',
          year: 2025,
          name: "UNDP Uzbekistan's procurement for clean water in Karakalpakstan",
          id: 'case-undp-uzbekistan-karakalpakstan-water',
          outcome:
            'Winner of the first Procura+ Award for Global Initiative of the Year (2025), the first time the awards were open to public authorities outside Europe; the ot...',
          status: 'ongoing',
          places: [
            {
              name: 'Karakalpakstan',
              country: 'UZ',
              placeType: 'region',
              id: 'place-karakalpakstan',
            },
          ],
          pathways: [
            {
              number: 1,
              sources: [
                {
                  id: 'src-iclei-procura-awards-2025',
                  title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
                  date: '2025-10-14',
                  url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
                },
              ],
              name: 'A culture of sustainability',
              id: 'pathway-1',
              transformation: 'socio-cultural',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-1-4',
              code: '1.4',
              basis: 'curated',
              sources: [
                {
                  id: 'src-iclei-procura-awards-2025',
                  title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
                  date: '2025-10-14',
                  url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Sustainable public procurement',
              id: 'approach-sustainable-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Water',
              id: 'theme-water',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'UNDP Uzbekistan',
              id: 'org-undp-uzbekistan',
            },
          ],
          sources: [
            {
              date: '2025-10-14',
              id: 'src-iclei-procura-awards-2025',
              title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
              sourceType: 'news',
              url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
            },
          ],
        },
        {
          summary:
            "The Catalan Government's directorate-general for public procurement reports every year on the social clauses in contracts of the Generalitat and its public s...",
          year: 2024,
          name: "Social clauses in more than 70% of the Catalan Government's contracts",
          id: 'case-catalonia-social-clauses-2024',
          outcome:
            'Gender equality clauses were the most common (61.7% of contracts), followed by job stability (34.2%), integration of people into work (18.7%), tax transparen...',
          status: 'ongoing',
          places: [
            {
              name: 'Catalonia',
              country: 'ES',
              placeType: 'region',
              id: 'place-catalonia',
            },
          ],
          pathways: [
            {
              number: 4,
              sources: [
                {
                  id: 'src-ara-catalonia-social-clauses',
                  title: "More than 70% of the Generalitat's contracts include social clauses",
                  date: '2024',
                  url: 'https://en.ara.cat/economy/more-than-70-of-the-generalitat-s-contracts-include-social-clauses_1_5474960.amp.html',
                },
              ],
              name: 'Social innovation and inclusion',
              id: 'pathway-4',
              transformation: 'socio-cultural',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-5-1',
              code: '5.1',
              basis: 'curated',
              sources: [
                {
                  id: 'src-ara-catalonia-social-clauses',
                  title: "More than 70% of the Generalitat's contracts include social clauses",
                  date: '2024',
                  url: 'https://en.ara.cat/economy/more-than-70-of-the-generalitat-s-contracts-include-social-clauses_1_5474960.amp.html',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Socially responsible public procurement',
              id: 'approach-socially-responsible-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Human rights and fair labour',
              id: 'theme-human-rights',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Government of Catalonia',
              id: 'org-generalitat-de-catalunya',
            },
          ],
          sources: [
            {
              date: '2024',
              id: 'src-ara-catalonia-social-clauses',
              title: "More than 70% of the Generalitat's contracts include social clauses",
              sourceType: 'news',
              url: 'https://en.ara.cat/economy/more-than-70-of-the-generalitat-s-contracts-include-social-clauses_1_5474960.amp.html',
            },
          ],
        },
      ],
      next: 'https://atlas.example.org/api/v1/sdgs/12/cases?limit=2&offset=2',
      prev: null,
    },
  },
  getTarget: {
    params: {
      code: '12.7',
    },
    response: {
      goal: {
        name: 'Responsible consumption and production',
        number: 12,
        colour: '#BF8B2E',
        id: 'sdg-12',
      },
      text: 'Promote public procurement practices that are sustainable, in accordance with national policies and priorities',
      code: '12.7',
      id: 'target-12-7',
      uri: 'http://metadata.un.org/sdg/12.7',
    },
  },
  listTargetCases: {
    params: {
      code: '12.7',
      limit: 2,
      offset: 0,
    },
    response: {
      target: {
        id: 'target-12-7',
        code: '12.7',
        text: 'Promote public procurement practices that are sustainable, in accordance with national policies and priorities',
      },
      total: 62,
      limit: 2,
      offset: 0,
      cases: [
        {
          summary:
            'Under the motto "Leave no one behind", UNDP Uzbekistan used public procurement to modernise water infrastructure and bring clean water to remote communities...',
          year: 2025,
          name: "UNDP Uzbekistan's procurement for clean water in Karakalpakstan",
          id: 'case-undp-uzbekistan-karakalpakstan-water',
          outcome:
            'Winner of the first Procura+ Award for Global Initiative of the Year (2025), the first time the awards were open to public authorities outside Europe; the ot...',
          status: 'ongoing',
          places: [
            {
              name: 'Karakalpakstan',
              country: 'UZ',
              placeType: 'region',
              id: 'place-karakalpakstan',
            },
          ],
          pathways: [
            {
              number: 1,
              sources: [
                {
                  id: 'src-iclei-procura-awards-2025',
                  title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
                  date: '2025-10-14',
                  url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
                },
              ],
              name: 'A culture of sustainability',
              id: 'pathway-1',
              transformation: 'socio-cultural',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-1-4',
              code: '1.4',
              basis: 'curated',
              sources: [
                {
                  id: 'src-iclei-procura-awards-2025',
                  title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
                  date: '2025-10-14',
                  url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Sustainable public procurement',
              id: 'approach-sustainable-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Water',
              id: 'theme-water',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'UNDP Uzbekistan',
              id: 'org-undp-uzbekistan',
            },
          ],
          sources: [
            {
              date: '2025-10-14',
              id: 'src-iclei-procura-awards-2025',
              title: 'UNDP Uzbekistan earns Procura+ Award for Global Initiative of the Year',
              sourceType: 'news',
              url: 'https://iclei-europe_2.prowly.com/429095-undp-uzbekistan-earns-procura-award-for-global-initiative-of-the-year',
            },
          ],
        },
        {
          summary:
            "The Catalan Government's directorate-general for public procurement reports every year on the social clauses in contracts of the Generalitat and its public s...",
          year: 2024,
          name: "Social clauses in more than 70% of the Catalan Government's contracts",
          id: 'case-catalonia-social-clauses-2024',
          outcome:
            'Gender equality clauses were the most common (61.7% of contracts), followed by job stability (34.2%), integration of people into work (18.7%), tax transparen...',
          status: 'ongoing',
          places: [
            {
              name: 'Catalonia',
              country: 'ES',
              placeType: 'region',
              id: 'place-catalonia',
            },
          ],
          pathways: [
            {
              number: 4,
              sources: [
                {
                  id: 'src-ara-catalonia-social-clauses',
                  title: "More than 70% of the Generalitat's contracts include social clauses",
                  date: '2024',
                  url: 'https://en.ara.cat/economy/more-than-70-of-the-generalitat-s-contracts-include-social-clauses_1_5474960.amp.html',
                },
              ],
              name: 'Social innovation and inclusion',
              id: 'pathway-4',
              transformation: 'socio-cultural',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-5-1',
              code: '5.1',
              basis: 'curated',
              sources: [
                {
                  id: 'src-ara-catalonia-social-clauses',
                  title: "More than 70% of the Generalitat's contracts include social clauses",
                  date: '2024',
                  url: 'https://en.ara.cat/economy/more-than-70-of-the-generalitat-s-contracts-include-social-clauses_1_5474960.amp.html',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Socially responsible public procurement',
              id: 'approach-socially-responsible-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Human rights and fair labour',
              id: 'theme-human-rights',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Government of Catalonia',
              id: 'org-generalitat-de-catalunya',
            },
          ],
          sources: [
            {
              date: '2024',
              id: 'src-ara-catalonia-social-clauses',
              title: "More than 70% of the Generalitat's contracts include social clauses",
              sourceType: 'news',
              url: 'https://en.ara.cat/economy/more-than-70-of-the-generalitat-s-contracts-include-social-clauses_1_5474960.amp.html',
            },
          ],
        },
      ],
      next: 'https://atlas.example.org/api/v1/targets/12.7/cases?limit=2&offset=2',
      prev: null,
    },
  },
  searchCases: {
    params: {
      pathway: [12],
      country: ['BE'],
      limit: 2,
      offset: 0,
    },
    response: {
      total: 1,
      limit: 2,
      offset: 0,
      filters: {
        pathway: [12],
        country: ['BE'],
        limit: 2,
        offset: 0,
      },
      cases: [
        {
          summary:
            "The Flemish Government's Agency for Facility Operations used a competitive procedure with negotiation to procure the design and construction of a new office...",
          year: 2021,
          name: "Kantoor2023, the Flemish Government's circular office building in Brussels",
          id: 'case-flanders-kantoor2023-circular-office',
          outcome:
            'About 62% of the existing building is reused or recycled, including 30,000 tonnes of concrete, and up to 95% of new materials are Cradle-to-Cradle certified;...',
          status: 'completed',
          places: [
            {
              name: 'Brussels',
              country: 'BE',
              placeType: 'city',
              id: 'place-brussels',
            },
          ],
          pathways: [
            {
              number: 10,
              sources: [
                {
                  id: 'src-sp-news-kantoor2023',
                  title: 'Kantoor 2023: a new sustainable and circular building in Brussels',
                  date: '2021-07-26',
                  url: 'https://sustainable-procurement.org/news?c=search&uid=ek85YQ8m',
                },
              ],
              name: 'Towards a circular economy',
              id: 'pathway-10',
              transformation: 'socio-economic',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-7-2',
              code: '7.2',
              basis: 'curated',
              sources: [
                {
                  id: 'src-sp-news-kantoor2023',
                  title: 'Kantoor 2023: a new sustainable and circular building in Brussels',
                  date: '2021-07-26',
                  url: 'https://sustainable-procurement.org/news?c=search&uid=ek85YQ8m',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Circular procurement',
              id: 'approach-circular-procurement',
            },
          ],
          themes: [
            {
              name: 'Buildings and housing',
              id: 'theme-buildings',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Agency for Facility Operations (Flemish Government)',
              id: 'org-flemish-agency-for-facility-operations',
            },
          ],
          sources: [
            {
              date: '2024',
              id: 'src-ingenium-kantoor2023',
              title: 'Flemish Government - Smart Office2023 (Ingenium)',
              sourceType: 'web',
              url: 'https://en.ingenium.be/projecten/vlaamse-overheid-smart-kantoor2023',
            },
          ],
        },
      ],
      facets: {
        country: [
          {
            count: 1,
            label: 'BE',
            value: 'BE',
          },
        ],
        initiative: [],
        year: [
          {
            count: 1,
            label: '2021',
            value: '2021',
          },
        ],
        sdg: [
          {
            colour: '#FCC30B',
            count: 1,
            label: 'Affordable and clean energy',
            id: 'sdg-7',
            value: '7',
          },
        ],
        pathway: [
          {
            count: 1,
            id: 'pathway-10',
            label: 'Towards a circular economy',
            value: '10',
          },
        ],
        theme: [
          {
            count: 1,
            id: 'theme-buildings',
            label: 'Buildings and housing',
            value: 'theme-buildings',
          },
        ],
        place: [
          {
            count: 1,
            id: 'place-brussels',
            label: 'Brussels',
            value: 'place-brussels',
          },
        ],
        approach: [
          {
            count: 1,
            id: 'approach-circular-procurement',
            label: 'Circular procurement',
            value: 'approach-circular-procurement',
          },
        ],
        target: [
          {
            count: 1,
            id: 'target-12-2',
            label: 'Target 12.2',
            value: '12.2',
          },
        ],
      },
      next: null,
      prev: null,
    },
  },
  getCase: {
    params: {
      id: 'case-geestland-led-street-lighting',
    },
    response: {
      summary:
        "The German town of Geestland bought LED street lighting through public procurement. ICLEI's 2019 guidance on localising the SDGs uses it as an example for Pa...",
      kind: 'case',
      name: "Geestland's procurement of LED street lighting",
      id: 'case-geestland-led-street-lighting',
      url: '/cases/case-geestland-led-street-lighting',
      degree: 8,
      linksTruncated: false,
      sources: [
        {
          date: '2019-11-21',
          id: 'src-15-pathways-2019',
          title: '15 Pathways to localise the Sustainable Development Goals',
          sourceType: 'publication',
          url: null,
        },
        {
          date: '2019-12-02',
          id: 'src-news-2019-12-02-15-pathways',
          title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
          sourceType: 'news',
          url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
        },
      ],
      links: [
        {
          type: 'ABOUT_THEME',
          direction: 'out',
          basis: 'curated',
          node: {
            kind: 'theme',
            name: 'Energy',
            id: 'theme-energy',
            url: '/nodes/theme-energy',
          },
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
        {
          type: 'ABOUT_THEME',
          direction: 'out',
          basis: 'stated',
          node: {
            kind: 'theme',
            name: 'Street lighting',
            id: 'theme-street-lighting',
            url: '/nodes/theme-street-lighting',
          },
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      places: [
        {
          country: 'DE',
          kind: 'place',
          name: 'Geestland',
          id: 'place-geestland',
          url: '/places/place-geestland',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      pathways: [
        {
          number: 12,
          kind: 'pathway',
          name: 'Procurement that accelerates innovation',
          id: 'pathway-12',
          transformation: 'technological',
          url: '/pathways/12',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      goals: [],
      targets: [
        {
          code: '12.7',
          kind: 'target',
          name: 'Target 12.7',
          id: 'target-12-7',
          url: '/targets/12.7',
          basis: 'curated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
        {
          code: '7.3',
          kind: 'target',
          name: 'Target 7.3',
          id: 'target-7-3',
          url: '/targets/7.3',
          basis: 'curated',
          note: 'LED street lighting improves energy efficiency.',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      approaches: [
        {
          kind: 'approach',
          name: 'Green public procurement',
          id: 'approach-green-public-procurement',
          url: '/nodes/approach-green-public-procurement',
          basis: 'curated',
          note: 'Energy-efficient LED lighting bought through procurement.',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      themes: [
        {
          kind: 'theme',
          name: 'Energy',
          id: 'theme-energy',
          url: '/nodes/theme-energy',
          basis: 'curated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
        {
          kind: 'theme',
          name: 'Street lighting',
          id: 'theme-street-lighting',
          url: '/nodes/theme-street-lighting',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      initiatives: [],
      organisations: [
        {
          country: 'DE',
          kind: 'place',
          name: 'Geestland',
          id: 'place-geestland',
          url: '/places/place-geestland',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
        },
      ],
      participants: [],
    },
  },
  listSimilarCases: {
    params: {
      id: 'case-geestland-led-street-lighting',
      limit: 2,
    },
    response: {
      case: 'case-geestland-led-street-lighting',
      method:
        'Each feature the two cases share (pathway, target, goal, approach, theme, initiative, place) adds its weight divided by log(e + cases with that feature / 10)...',
      similar: [
        {
          summary:
            "The small municipality of Sulejów in Poland's Łódzkie Region built a swimming pool and a sports hall to passive-house standard at its Primary School No. 1, c...",
          year: 2021,
          name: "Sulejów's passive swimming pool and sports hall, the first in Poland",
          id: 'case-sulejow-passive-swimming-pool',
          outcome:
            'The 2021 air-tightness test met the passive-building requirement (0.16 l/h). The project, worth about PLN 14.6 million (about EUR 3.5 million), is presented...',
          status: 'completed',
          places: [
            {
              name: 'Łódzkie Region',
              country: 'PL',
              placeType: 'region',
              id: 'place-lodzkie',
            },
          ],
          pathways: [
            {
              number: 9,
              sources: [
                {
                  id: 'src-interreg-gp-sulejow-passive-pool',
                  title: '1st passive swimming pool and sports hall in Poland co-financed by the ROP for the Lodzkie Region',
                  date: '2021',
                  url: 'https://www.interregeurope.eu/policylearning/good-practices/item/3290/1st-passive-swimming-pool-and-sports-hall-in-poland-co-financed-by-the-rop-for-the-lodz...',
                },
              ],
              name: 'Conscientious purchasing',
              id: 'pathway-9',
              transformation: 'socio-economic',
              basis: 'curated',
            },
          ],
          goals: [
            {
              number: 13,
              colour: '#3F7E44',
              sources: [
                {
                  id: 'src-interreg-gp-sulejow-passive-pool',
                  title: '1st passive swimming pool and sports hall in Poland co-financed by the ROP for the Lodzkie Region',
                  date: '2021',
                  url: 'https://www.interregeurope.eu/policylearning/good-practices/item/3290/1st-passive-swimming-pool-and-sports-hall-in-poland-co-financed-by-the-rop-for-the-lodz...',
                },
              ],
              name: 'Climate action',
              id: 'sdg-13',
              basis: 'curated',
            },
          ],
          targets: [
            {
              id: 'target-7-3',
              code: '7.3',
              basis: 'curated',
              sources: [
                {
                  id: 'src-interreg-gp-sulejow-passive-pool',
                  title: '1st passive swimming pool and sports hall in Poland co-financed by the ROP for the Lodzkie Region',
                  date: '2021',
                  url: 'https://www.interregeurope.eu/policylearning/good-practices/item/3290/1st-passive-swimming-pool-and-sports-hall-in-poland-co-financed-by-the-rop-for-the-lodz...',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Green public procurement',
              id: 'approach-green-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Buildings and housing',
              id: 'theme-buildings',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Sulejów',
              id: 'place-sulejow',
            },
          ],
          sources: [
            {
              date: '2021',
              id: 'src-interreg-gp-sulejow-passive-pool',
              title: '1st passive swimming pool and sports hall in Poland co-financed by the ROP for the Lodzkie Region',
              sourceType: 'web',
              url: 'https://www.interregeurope.eu/policylearning/good-practices/item/3290/1st-passive-swimming-pool-and-sports-hall-in-poland-co-financed-by-the-rop-for-the-lodz...',
            },
          ],
          score: 7.5,
          reasons: [
            {
              reason: 'pathway',
              name: 'Procurement that accelerates innovation',
              weight: 1.72,
              id: 'pathway-12',
            },
          ],
        },
        {
          summary:
            "Consip, the Italian public company that runs central purchasing for Italy's public sector, set up a national framework contract that municipalities can use f...",
          year: null,
          name: "Consip's national framework contract for energy-efficient public lighting",
          id: 'case-consip-public-lighting-framework',
          outcome: null,
          status: 'ongoing',
          places: [
            {
              name: 'Italy',
              country: 'IT',
              placeType: 'country',
              id: 'place-italy',
            },
          ],
          pathways: [
            {
              number: 11,
              sources: [
                {
                  id: 'src-ec-gpp-library-consip-lighting',
                  title: 'National framework contract for innovation in energy efficient public lighting (EU GPP good practice library)',
                  date: '2014',
                  url: 'https://green-business.ec.europa.eu/green-public-procurement/good-practice-library/national-framework-contract-innovation-energy-efficient-public-lighting_en',
                },
              ],
              name: 'Smart technologies used wisely',
              id: 'pathway-11',
              transformation: 'technological',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-7-3',
              code: '7.3',
              basis: 'curated',
              sources: [
                {
                  id: 'src-ec-gpp-library-consip-lighting',
                  title: 'National framework contract for innovation in energy efficient public lighting (EU GPP good practice library)',
                  date: '2014',
                  url: 'https://green-business.ec.europa.eu/green-public-procurement/good-practice-library/national-framework-contract-innovation-energy-efficient-public-lighting_en',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Green public procurement',
              id: 'approach-green-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Energy',
              id: 'theme-energy',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Consip',
              id: 'org-consip',
            },
          ],
          sources: [
            {
              date: '2014',
              id: 'src-ec-gpp-library-consip-lighting',
              title: 'National framework contract for innovation in energy efficient public lighting (EU GPP good practice library)',
              sourceType: 'web',
              url: 'https://green-business.ec.europa.eu/green-public-procurement/good-practice-library/national-framework-contract-innovation-energy-efficient-public-lighting_en',
            },
          ],
          score: 7.33,
          reasons: [
            {
              reason: 'target',
              name: 'Target 12.7',
              weight: 1.37,
              id: 'target-12-7',
            },
          ],
        },
      ],
    },
  },
  listPlaces: {
    params: {
      q: 'Ghent',
      limit: 2,
      offset: 0,
    },
    response: {
      total: 1,
      limit: 2,
      offset: 0,
      items: [
        {
          country: 'BE',
          altNames: ['Gent'],
          placeType: 'city',
          cases: 8,
          name: 'Ghent',
          lon: 3.7174,
          id: 'place-ghent',
          lat: 51.0543,
          kind: 'place',
          url: '/places/place-ghent',
        },
      ],
      next: null,
      prev: null,
    },
  },
  getPlace: {
    params: {
      id: 'place-ghent',
    },
    response: {
      country: 'BE',
      altNames: ['Gent', 'Gand'],
      placeType: 'city',
      kind: 'place',
      name: 'Ghent',
      lon: 3.7174,
      id: 'place-ghent',
      lat: 51.0543,
      url: '/places/place-ghent',
      degree: 18,
      linksTruncated: false,
      sources: [
        {
          date: '2019-12-02',
          id: 'src-news-2019-12-02-15-pathways',
          title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
          sourceType: 'news',
          url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
        },
        {
          date: '2019-12-17',
          id: 'src-news-2019-12-17-fair-circular-ict',
          title: 'Flemish buyers go for fair and circular ICT!',
          sourceType: 'news',
          url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
        },
      ],
      links: [
        {
          type: 'BASED_IN',
          direction: 'in',
          basis: 'stated',
          node: {
            country: 'BE',
            kind: 'organisation',
            name: 'Digipolis Gent',
            id: 'org-digipolis-gent',
            url: '/organisations/org-digipolis-gent',
          },
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
        {
          type: 'HAS_PARTICIPANT',
          direction: 'in',
          basis: 'stated',
          note: '2019 overall winner.',
          node: {
            kind: 'initiative',
            name: 'EU Cities for Fair and Ethical Trade Award',
            id: 'initiative-eu-cities-fair-ethical-trade-award',
            url: '/initiatives/initiative-eu-cities-fair-ethical-trade-award',
          },
          sources: [
            {
              date: '2018',
              id: 'src-trade-city-award-winners',
              title: 'EU Cities for Fair and Ethical Trade Award – 2019 winner and special mentions',
              url: 'https://www.trade-city-award.eu/award-winners/',
            },
          ],
        },
      ],
      cases: [
        {
          summary:
            'The City of Ghent, with the Flemish Energy Company, set up a virtual power purchase agreement for the delivery of solar electricity produced locally, which a...',
          year: 2022,
          name: "Ghent's virtual power purchase agreement for locally produced solar power",
          id: 'case-ghent-virtual-ppa-local-solar',
          outcome: 'Finalist for the 2022 Procura+ Award for Procurement Initiative of the Year.',
          status: 'ongoing',
          places: [
            {
              name: 'Ghent',
              country: 'BE',
              placeType: 'city',
              id: 'place-ghent',
            },
          ],
          pathways: [
            {
              number: 7,
              sources: [
                {
                  id: 'src-sp-finalists-2022',
                  title: '2022 Procura+ Awards finalists unveiled',
                  date: '2022',
                  url: 'https://sustainable-procurement.org/news?c=search&uid=SICl4TiU',
                },
              ],
              name: 'Local value chains',
              id: 'pathway-7',
              transformation: 'socio-economic',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-7-2',
              code: '7.2',
              basis: 'curated',
              sources: [
                {
                  id: 'src-sp-finalists-2022',
                  title: '2022 Procura+ Awards finalists unveiled',
                  date: '2022',
                  url: 'https://sustainable-procurement.org/news?c=search&uid=SICl4TiU',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Green public procurement',
              id: 'approach-green-public-procurement',
            },
          ],
          themes: [
            {
              name: 'Energy',
              id: 'theme-energy',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Ghent',
              id: 'place-ghent',
            },
          ],
          sources: [
            {
              date: '2022',
              id: 'src-sp-finalists-2022',
              title: '2022 Procura+ Awards finalists unveiled',
              sourceType: 'news',
              url: 'https://sustainable-procurement.org/news?c=search&uid=SICl4TiU',
            },
          ],
        },
        {
          summary:
            'Following the social responsibility requirements of its procurement policy, the City of Ghent ran a pilot tender for ethically produced work clothing. Resear...',
          year: 2019,
          name: "Ghent's pilot procurement of responsibly produced workwear",
          id: 'case-ghent-responsible-workwear',
          outcome:
            'Won the 2019 Procura+ Award for Sustainable Procurement of the Year; the toolbox is shared with other Flemish public buyers.',
          status: 'ongoing',
          places: [
            {
              name: 'Ghent',
              country: 'BE',
              placeType: 'city',
              id: 'place-ghent',
            },
          ],
          pathways: [
            {
              number: 9,
              sources: [
                {
                  id: 'src-glcn-ghent-workwear-2019',
                  title: 'Procura+ Awards 2019 – leadership on sustainable procurement of GLCN Cities continues to inspire',
                  date: '2019-09-27',
                  url: 'https://glcn-on-sp.org/spotlight/?c=search&uid=MbUHUgOp',
                },
              ],
              name: 'Conscientious purchasing',
              id: 'pathway-9',
              transformation: 'socio-economic',
              basis: 'curated',
            },
          ],
          goals: [],
          targets: [
            {
              id: 'target-8-8',
              code: '8.8',
              basis: 'curated',
              sources: [
                {
                  id: 'src-glcn-ghent-workwear-2019',
                  title: 'Procura+ Awards 2019 – leadership on sustainable procurement of GLCN Cities continues to inspire',
                  date: '2019-09-27',
                  url: 'https://glcn-on-sp.org/spotlight/?c=search&uid=MbUHUgOp',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Buyer-supplier partnership',
              id: 'approach-buyer-supplier-partnership',
            },
          ],
          themes: [
            {
              name: 'Human rights and fair labour',
              id: 'theme-human-rights',
            },
          ],
          initiatives: [],
          organisations: [
            {
              name: 'Ghent',
              id: 'place-ghent',
            },
          ],
          sources: [
            {
              date: '2019-09-27',
              id: 'src-glcn-ghent-workwear-2019',
              title: 'Procura+ Awards 2019 – leadership on sustainable procurement of GLCN Cities continues to inspire',
              sourceType: 'news',
              url: 'https://glcn-on-sp.org/spotlight/?c=search&uid=MbUHUgOp',
            },
          ],
        },
      ],
      initiatives: [
        {
          kind: 'initiative',
          name: 'EU Cities for Fair and Ethical Trade Award',
          id: 'initiative-eu-cities-fair-ethical-trade-award',
          url: '/initiatives/initiative-eu-cities-fair-ethical-trade-award',
          basis: 'stated',
          note: '2019 overall winner.',
          sources: [
            {
              date: '2018',
              id: 'src-trade-city-award-winners',
              title: 'EU Cities for Fair and Ethical Trade Award – 2019 winner and special mentions',
              url: 'https://www.trade-city-award.eu/award-winners/',
            },
          ],
          role: 'HAS_PARTICIPANT',
        },
        {
          kind: 'initiative',
          name: 'Global Lead City Network on Sustainable Procurement',
          id: 'initiative-glcn',
          url: '/initiatives/initiative-glcn',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-02',
              id: 'src-news-2019-12-02-15-pathways',
              title: 'Procurement to localise the SDGs – New ICLEI guidance for towns and cities with 15 pathways',
              url: 'https://sustainable-procurement.org/news?c=search&uid=rWZN4F89',
            },
          ],
          role: 'HAS_PARTICIPANT',
        },
      ],
      organisations: [
        {
          country: 'BE',
          kind: 'organisation',
          name: 'Digipolis Gent',
          id: 'org-digipolis-gent',
          url: '/organisations/org-digipolis-gent',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
      ],
      events: [
        {
          kind: 'event',
          name: 'Conference on Fair & Circular ICT',
          id: 'event-conference-fair-circular-ict-2019',
          url: '/nodes/event-conference-fair-circular-ict-2019',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
      ],
      partOf: [
        {
          country: 'BE',
          kind: 'place',
          name: 'Flanders',
          id: 'place-flanders',
          url: '/places/place-flanders',
          basis: 'curated',
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
      ],
      contains: [],
    },
  },
  listOrganisations: {
    params: {
      country: 'BE',
      limit: 2,
      offset: 0,
    },
    response: {
      total: 6,
      limit: 2,
      offset: 0,
      items: [
        {
          country: 'BE',
          altNames: ['Het Facilitair Bedrijf'],
          orgType: 'government',
          cases: 1,
          name: 'Agency for Facility Operations (Flemish Government)',
          id: 'org-flemish-agency-for-facility-operations',
          kind: 'organisation',
          url: '/organisations/org-flemish-agency-for-facility-operations',
        },
        {
          country: 'BE',
          altNames: ['CHR de la Citadelle'],
          orgType: 'public-authority',
          cases: 1,
          name: 'Centre Hospitalier Régional de la Citadelle',
          id: 'org-chr-citadelle',
          kind: 'organisation',
          url: '/organisations/org-chr-citadelle',
        },
      ],
      next: 'https://atlas.example.org/api/v1/organisations?country=BE&limit=2&offset=2',
      prev: null,
    },
  },
  getOrganisation: {
    params: {
      id: 'org-digipolis-gent',
    },
    response: {
      country: 'BE',
      altNames: ['Digipolis Ghent'],
      orgType: 'public-authority',
      kind: 'organisation',
      name: 'Digipolis Gent',
      description:
        'ICT organisation serving the City of Ghent; its head of operations spoke at the 2019 fair and circular ICT conference about responsible ICT purchasing.',
      id: 'org-digipolis-gent',
      url: '/organisations/org-digipolis-gent',
      degree: 2,
      linksTruncated: false,
      sources: [
        {
          date: '2019-12-17',
          id: 'src-news-2019-12-17-fair-circular-ict',
          title: 'Flemish buyers go for fair and circular ICT!',
          sourceType: 'news',
          url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
        },
      ],
      links: [
        {
          type: 'BASED_IN',
          direction: 'out',
          basis: 'stated',
          node: {
            country: 'BE',
            kind: 'place',
            name: 'Ghent',
            id: 'place-ghent',
            url: '/places/place-ghent',
          },
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
        {
          type: 'HAS_PARTICIPANT',
          direction: 'in',
          basis: 'stated',
          node: {
            kind: 'event',
            name: 'Conference on Fair & Circular ICT',
            id: 'event-conference-fair-circular-ict-2019',
            url: '/nodes/event-conference-fair-circular-ict-2019',
          },
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
      ],
      cases: [],
      initiatives: [],
      events: [
        {
          kind: 'event',
          name: 'Conference on Fair & Circular ICT',
          id: 'event-conference-fair-circular-ict-2019',
          url: '/nodes/event-conference-fair-circular-ict-2019',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
          role: 'HAS_PARTICIPANT',
        },
      ],
      basedIn: [
        {
          country: 'BE',
          kind: 'place',
          name: 'Ghent',
          id: 'place-ghent',
          url: '/places/place-ghent',
          basis: 'stated',
          sources: [
            {
              date: '2019-12-17',
              id: 'src-news-2019-12-17-fair-circular-ict',
              title: 'Flemish buyers go for fair and circular ICT!',
              url: 'https://sustainable-procurement.org/news?c=search&uid=LOUmXGBH',
            },
          ],
        },
      ],
      partOf: [],
      units: [],
      publications: [],
    },
  },
  listInitiatives: {
    params: {
      q: 'AI4Cities',
      limit: 2,
      offset: 0,
    },
    response: {
      total: 1,
      limit: 2,
      offset: 0,
      items: [
        {
          cases: 1,
          name: 'AI4Cities',
          startYear: 2020,
          id: 'initiative-ai4cities',
          endYear: 2022,
          kind: 'initiative',
          url: '/initiatives/initiative-ai4cities',
        },
      ],
      next: null,
      prev: null,
    },
  },
  getInitiative: {
    params: {
      id: 'initiative-ai4cities',
    },
    response: {
      kind: 'initiative',
      name: 'AI4Cities',
      startYear: 2020,
      description:
        'EU-funded project (January 2020 to December 2022) in which Helsinki, Copenhagen, Stavanger, the Paris Region, Amsterdam and Tallinn run a joint pre-commercia...',
      id: 'initiative-ai4cities',
      endYear: 2022,
      url: '/initiatives/initiative-ai4cities',
      externalUrl: 'https://ai4cities.eu',
      degree: 19,
      linksTruncated: false,
      sources: [
        {
          date: '2020-01-15',
          id: 'src-news-2020-01-15-ai4cities',
          title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
          sourceType: 'news',
          url: 'https://sustainable-procurement.org/news/',
        },
      ],
      links: [
        {
          type: 'ABOUT_THEME',
          direction: 'out',
          basis: 'stated',
          node: {
            kind: 'theme',
            name: 'Climate',
            id: 'theme-climate',
            url: '/nodes/theme-climate',
          },
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
        {
          type: 'ABOUT_THEME',
          direction: 'out',
          basis: 'stated',
          node: {
            kind: 'theme',
            name: 'Energy',
            id: 'theme-energy',
            url: '/nodes/theme-energy',
          },
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      cases: [
        {
          summary:
            'Starting in January 2020, six buyers (Helsinki, Copenhagen, Stavanger, Amsterdam, Tallinn and the Paris Region) began a joint pre-commercial procurement, und...',
          year: 2020,
          name: 'AI4Cities pre-commercial procurement of AI solutions for energy and mobility',
          id: 'case-ai4cities-pcp',
          outcome: null,
          status: 'ongoing',
          places: [
            {
              name: 'Amsterdam',
              country: 'NL',
              placeType: 'city',
              id: 'place-amsterdam',
            },
          ],
          pathways: [
            {
              number: 11,
              sources: [
                {
                  id: 'src-news-2020-01-15-ai4cities',
                  title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
                  date: '2020-01-15',
                  url: 'https://sustainable-procurement.org/news/',
                },
              ],
              name: 'Smart technologies used wisely',
              id: 'pathway-11',
              transformation: 'technological',
              basis: 'curated',
            },
          ],
          goals: [
            {
              number: 13,
              colour: '#3F7E44',
              sources: [
                {
                  id: 'src-news-2020-01-15-ai4cities',
                  title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
                  date: '2020-01-15',
                  url: 'https://sustainable-procurement.org/news/',
                },
              ],
              name: 'Climate action',
              id: 'sdg-13',
              basis: 'curated',
            },
          ],
          targets: [
            {
              id: 'target-9-5',
              code: '9.5',
              basis: 'curated',
              sources: [
                {
                  id: 'src-news-2020-01-15-ai4cities',
                  title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
                  date: '2020-01-15',
                  url: 'https://sustainable-procurement.org/news/',
                },
              ],
            },
          ],
          approaches: [
            {
              name: 'Joint procurement',
              id: 'approach-joint-procurement',
            },
          ],
          themes: [
            {
              name: 'Climate',
              id: 'theme-climate',
            },
          ],
          initiatives: [
            {
              name: 'AI4Cities',
              id: 'initiative-ai4cities',
            },
          ],
          organisations: [
            {
              name: 'Amsterdam',
              id: 'place-amsterdam',
            },
          ],
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              sourceType: 'news',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      participants: [
        {
          kind: 'organisation',
          name: 'ICLEI – Local Governments for Sustainability',
          id: 'org-iclei',
          url: '/organisations/org-iclei',
          basis: 'stated',
          note: "ICLEI's procurement team guides the buyers through the PCP.",
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
        {
          country: 'NL',
          kind: 'place',
          name: 'Amsterdam',
          id: 'place-amsterdam',
          url: '/places/place-amsterdam',
          basis: 'stated',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      coordinators: [],
      funders: [
        {
          kind: 'organisation',
          name: 'European Commission',
          id: 'org-european-commission',
          url: '/organisations/org-european-commission',
          basis: 'curated',
          note: 'The item calls AI4Cities an EU-funded project; EU project funding is awarded by the European Commission.',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      partOf: [],
      parts: [],
      events: [],
      pathways: [
        {
          number: 11,
          kind: 'pathway',
          name: 'Smart technologies used wisely',
          id: 'pathway-11',
          transformation: 'technological',
          url: '/pathways/11',
          basis: 'curated',
          note: 'Puts smart technologies to work on a clear public aim, carbon neutrality.',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
        {
          number: 12,
          kind: 'pathway',
          name: 'Procurement that accelerates innovation',
          id: 'pathway-12',
          transformation: 'technological',
          url: '/pathways/12',
          basis: 'curated',
          note: 'Uses procurement to steer innovation towards public needs.',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      goals: [
        {
          number: 13,
          colour: '#3F7E44',
          kind: 'goal',
          name: 'Climate action',
          id: 'sdg-13',
          url: '/sdgs/13',
          basis: 'curated',
          note: "Aims to cut cities' greenhouse gas emissions and meet climate commitments.",
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      targets: [
        {
          code: '9.5',
          kind: 'target',
          name: 'Target 9.5',
          id: 'target-9-5',
          url: '/targets/9.5',
          basis: 'curated',
          note: 'Funds research and development of new AI solutions by companies.',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      themes: [
        {
          kind: 'theme',
          name: 'Climate',
          id: 'theme-climate',
          url: '/nodes/theme-climate',
          basis: 'stated',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
        {
          kind: 'theme',
          name: 'Energy',
          id: 'theme-energy',
          url: '/nodes/theme-energy',
          basis: 'stated',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
      approaches: [
        {
          kind: 'approach',
          name: 'Market engagement',
          id: 'approach-market-engagement',
          url: '/nodes/approach-market-engagement',
          basis: 'stated',
          note: 'Phase 0 is an open market consultation run as co-creation.',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
        {
          kind: 'approach',
          name: 'Pre-commercial procurement',
          id: 'approach-pre-commercial-procurement',
          url: '/nodes/approach-pre-commercial-procurement',
          basis: 'stated',
          sources: [
            {
              date: '2020-01-15',
              id: 'src-news-2020-01-15-ai4cities',
              title: 'Six European Cities will look for Artificial Intelligence solutions to move towards carbon neutrality',
              url: 'https://sustainable-procurement.org/news/',
            },
          ],
        },
      ],
    },
  },
  getNode: {
    params: {
      id: 'theme-food',
    },
    response: {
      altNames: ['catering', 'food procurement'],
      kind: 'theme',
      name: 'Food',
      description: 'Food production, catering and the food served or bought by public bodies.',
      id: 'theme-food',
      url: '/nodes/theme-food',
      degree: 30,
      linksTruncated: false,
      sources: [],
      links: [
        {
          type: 'ABOUT_THEME',
          direction: 'in',
          basis: 'curated',
          note: 'Urban gardening.',
          node: {
            year: 2021,
            kind: 'case',
            name: "A Coruña's network of urban gardens as a nature-based solution",
            id: 'case-a-coruna-urban-gardens-network',
            url: '/cases/case-a-coruna-urban-gardens-network',
          },
          sources: [
            {
              date: '2021',
              id: 'src-tadb-a-coruna-urban-gardens',
              title: 'Urban gardens network: a nature based solution model',
              url: 'https://sustainablecities.eu/transformative-actions-database/?c=search&action_id=rajrzz0u',
            },
          ],
        },
        {
          type: 'ABOUT_THEME',
          direction: 'in',
          basis: 'stated',
          node: {
            year: 1993,
            kind: 'case',
            name: "Belo Horizonte's municipal food security system",
            id: 'case-belo-horizonte-food-security-policy',
            url: '/cases/case-belo-horizonte-food-security-policy',
          },
          sources: [
            {
              date: '2009',
              id: 'src-futurepolicy-belo-horizonte',
              title: "Belo Horizonte's Food Security Policy",
              url: 'https://www.futurepolicy.org/food-and-water/belo-horizontes-food-security-policy',
            },
          ],
        },
      ],
    },
  },
  searchNodes: {
    params: {
      q: 'food',
      kinds: ['case', 'theme'],
      limit: 3,
    },
    response: {
      query: 'food',
      hits: [
        {
          id: 'theme-food',
          kind: 'theme',
          name: 'Food',
          score: 9.863,
          url: '/nodes/theme-food',
        },
      ],
    },
  },
  getNeighborhood: {
    params: {
      node: 'place-ghent',
      depth: 1,
      limit: 3,
    },
    response: {
      center: 'place-ghent',
      depth: 1,
      kinds: ['pathway', 'goal'],
      limit: 3,
      truncated: true,
      nodes: [
        {
          data: {
            country: 'BE',
            placeType: 'city',
            kind: 'place',
            id: 'place-ghent',
            label: 'Ghent',
            url: '/places/place-ghent',
          },
        },
        {
          data: {
            year: 2018,
            kind: 'case',
            id: 'case-ghent-fair-trade-city',
            label: "Ghent's city-wide strategy for fair and ethical trade",
            url: '/cases/case-ghent-fair-trade-city',
          },
        },
      ],
      edges: [
        {
          data: {
            id: '5:726ac6fd-850f-412f-84a3-634a0c124652:2535',
            source: 'case-ghent-fair-trade-city',
            target: 'place-ghent',
            type: 'LOCATED_IN',
            basis: 'stated',
          },
        },
        {
          data: {
            id: '5:726ac6fd-850f-412f-84a3-634a0c124652:2536',
            source: 'case-ghent-fair-trade-city',
            target: 'place-ghent',
            type: 'IMPLEMENTED_BY',
            basis: 'stated',
          },
        },
      ],
    },
  },
  getShortestPaths: {
    params: {
      from: 'place-ghent',
      to: 'pathway-12',
      limit: 1,
    },
    response: {
      from: 'place-ghent',
      to: 'pathway-12',
      found: true,
      length: 3,
      paths: [['place-ghent']],
      nodes: [
        {
          data: {
            country: 'BE',
            placeType: 'city',
            kind: 'place',
            id: 'place-ghent',
            label: 'Ghent',
            url: '/places/place-ghent',
          },
        },
        {
          data: {
            country: 'BE',
            placeType: 'region',
            kind: 'place',
            id: 'place-flanders',
            label: 'Flanders',
            url: '/places/place-flanders',
          },
        },
      ],
      edges: [
        {
          data: {
            id: '5:726ac6fd-850f-412f-84a3-634a0c124652:2779',
            source: 'place-ghent',
            target: 'place-flanders',
            type: 'PART_OF',
            basis: 'curated',
          },
        },
        {
          data: {
            id: '5:726ac6fd-850f-412f-84a3-634a0c124652:670',
            source: 'case-flanders-kantoor2023-circular-office',
            target: 'pathway-12',
            type: 'ILLUSTRATES',
            basis: 'curated',
          },
        },
      ],
    },
  },
  getCoverage: {
    params: {},
    response: {
      cases: 161,
      pathways: [
        {
          number: 1,
          cases: 21,
          name: 'A culture of sustainability',
        },
        {
          number: 2,
          cases: 17,
          name: 'Citizens as co-creators',
        },
      ],
      goals: [
        {
          number: 1,
          colour: '#E5243B',
          cases: 14,
          name: 'No poverty',
        },
        {
          number: 2,
          colour: '#DDA63A',
          cases: 21,
          name: 'Zero hunger',
        },
      ],
      matrix: [[5], [4]],
      cells: [
        {
          pathway: 1,
          goal: 1,
          cases: 5,
        },
        {
          pathway: 1,
          goal: 2,
          cases: 3,
        },
      ],
      gaps: {
        pathwaysWithoutCases: [],
        goalsWithoutCases: [],
        emptyCells: 83,
        targetsWithoutCases: 95,
        targets: 169,
      },
    },
  },
  runCypher: {
    request: {
      query: 'MATCH (p:Pathway) WHERE p.number IN $numbers RETURN p.number AS n, p.name AS name ORDER BY n',
      params: {
        numbers: [9, 12],
      },
    },
    response: {
      columns: ['n', 'name'],
      rows: [
        {
          n: 9,
          name: 'Conscientious purchasing',
        },
        {
          n: 12,
          name: 'Procurement that accelerates innovation',
        },
      ],
      rowCount: 2,
      truncated: false,
      rowCap: 1000,
      byteCap: 2000000,
      bytes: 98,
      timeoutMs: 5000,
      elapsedMs: 41,
      graphAsOf: '2026-12-04T07:16:37.519Z',
    },
  },
  createNode: {
    request: {
      kind: 'place',
      id: 'place-leuven',
      name: 'Leuven',
      placeType: 'city',
      country: 'BE',
      sources: ['src-basque-declaration'],
    },
    response: {
      id: 'place-leuven',
      kind: 'place',
      version: 1,
    },
  },
  updateNode: {
    params: {
      id: 'place-leuven',
    },
    request: {
      altNames: ['Louvain'],
      version: 1,
    },
    response: {
      id: 'place-leuven',
      kind: 'place',
      version: 2,
    },
  },
  deleteNode: {
    params: {
      id: 'place-leuven',
    },
    response: {
      id: 'place-leuven',
      kind: 'place',
      version: 5,
      deleted: true,
    },
  },
  restoreNode: {
    params: {
      id: 'place-leuven',
    },
    response: {
      id: 'place-leuven',
      kind: 'place',
      version: 6,
      deleted: false,
    },
  },
  getNodeHistory: {
    params: {
      id: 'place-leuven',
    },
    response: {
      id: 'place-leuven',
      changes: [
        {
          summary: 'edited altNames',
          at: '2026-12-04T07:20:54.111Z',
          before: {
            country: 'BE',
            createdAt: '2026-12-04T07:20:50.305Z',
            placeType: 'city',
            updatedBy: 'ana',
            createdBy: 'ana',
            kind: 'place',
            name: 'Leuven',
            id: 'place-leuven',
            version: 1,
            sourceIds: ['src-basque-declaration'],
            updatedAt: '2026-12-04T07:20:50.305Z',
          },
          by: 'ana',
          action: 'update',
          after: {
            createdAt: '2026-12-04T07:20:50.305Z',
            createdBy: 'ana',
            id: 'place-leuven',
            name: 'Leuven',
            placeType: 'city',
            country: 'BE',
            altNames: ['Louvain'],
            sourceIds: ['src-basque-declaration'],
            kind: 'place',
            version: 2,
            updatedAt: '2026-12-04T07:20:52.187Z',
            updatedBy: 'ana',
          },
          id: 'change-aa5098d2-e0c9-46c1-8108-f797f8019c4c',
          target: 'place-leuven',
        },
      ],
    },
  },
  revertChange: {
    params: {
      id: 'change-aa5098d2-e0c9-46c1-8108-f797f8019c4c',
    },
    response: {
      id: 'place-leuven',
      kind: 'place',
      version: 8,
    },
  },
  addLink: {
    request: {
      from: 'place-leuven',
      type: 'PART_OF',
      to: 'place-flanders',
      sources: ['src-basque-declaration'],
      basis: 'curated',
    },
    response: {
      from: 'place-leuven',
      type: 'PART_OF',
      to: 'place-flanders',
      sources: ['src-basque-declaration'],
      basis: 'curated',
      addedAt: '2026-12-04T07:20:56.015Z',
      addedBy: 'ana',
      unverified: false,
      change: 'change-9e9871fa-7640-4d97-bc5f-36bb64225934',
      fromVersion: 3,
      toVersion: 1,
    },
  },
  removeLink: {
    request: {
      from: 'place-leuven',
      type: 'PART_OF',
      to: 'place-flanders',
    },
    response: {
      from: 'place-leuven',
      type: 'PART_OF',
      to: 'place-flanders',
      removed: true,
      fromVersion: 4,
      toVersion: 2,
    },
  },
  listDuplicates: {
    params: {
      kind: 'place',
      limit: 10,
    },
    response: {
      kind: 'place',
      pairs: [
        {
          a: {
            id: 'place-leuven',
            name: 'Leuven',
          },
          b: {
            id: 'place-lovaina',
            name: 'Lovaina',
          },
          score: 0.82,
          reasons: ['same country', 'an alternate name of one is the name of the other'],
        },
      ],
    },
  },
  mergeNodes: {
    request: {
      survivor: 'place-leuven',
      duplicate: 'place-lovaina',
      survivorVersion: 6,
      duplicateVersion: 1,
    },
    response: {
      survivor: 'place-leuven',
      duplicate: 'place-lovaina',
      moved: {
        outgoing: 1,
        incoming: 1,
        between: 0,
      },
      version: 7,
      duplicateVersion: 2,
    },
  },
  createIngestBatch: {
    request: {
      text: 'Leuven buys electric buses. The city of Leuven in Belgium tendered 20 electric buses with the Flemish transport company De Lijn in 2024.',
      title: 'Leuven buys electric buses',
      date: '2024-05-02',
    },
    response: {
      id: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      status: 'open',
      counts: {
        pending: 7,
        accepted: 0,
        edited: 0,
        rejected: 0,
        present: 0,
        committed: 0,
      },
      page: '/curate/ingest/batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      items: [
        {
          index: 1,
          title: 'Leuven buys electric buses',
          date: null,
          source: {
            existing: false,
            title: 'Leuven buys electric buses',
            date: '2024-05-02',
            sourceType: 'news',
          },
          proposals: [
            {
              kind: 'place',
              name: 'Leuven',
              id: 'place-leuven',
              confidence: 0.95,
              evidence: 'Leuven buys electric buses.',
              span: {
                start: 0,
                end: 6,
              },
              spans: [
                {
                  start: 0,
                  end: 6,
                },
              ],
              origin: 'graph',
              details: {
                placeType: 'city',
                country: 'BE',
              },
              proposal: '1.1',
              status: 'pending',
            },
          ],
        },
      ],
    },
  },
  listIngestBatches: {
    params: {
      limit: 20,
    },
    response: {
      batches: [
        {
          id: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
          title: 'Leuven buys electric buses',
          date: '2024-05-02',
          sourceType: 'news',
          createdAt: '2026-12-04T07:21:12.888Z',
          createdBy: 'ana',
          updatedAt: '2026-12-04T07:21:18.056Z',
          status: 'open',
          version: 3,
          counts: {
            pending: 3,
            accepted: 2,
            edited: 1,
            rejected: 1,
            present: 0,
            committed: 3,
          },
          itemCount: 1,
        },
      ],
    },
  },
  getIngestBatch: {
    params: {
      batch: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
    },
    response: {
      id: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      title: 'Leuven buys electric buses',
      date: '2024-05-02',
      sourceType: 'news',
      createdAt: '2026-12-04T07:21:12.888Z',
      createdBy: 'ana',
      updatedAt: '2026-12-04T07:21:18.056Z',
      status: 'open',
      version: 3,
      counts: {
        pending: 3,
        accepted: 2,
        edited: 1,
        rejected: 1,
        present: 0,
        committed: 3,
      },
      commits: [
        {
          at: '2026-12-04T07:21:18.056Z',
          by: 'ana',
          sources: ['src-news-2024-05-02-leuven-buys-electric-buses'],
          created: [
            {
              id: 'src-news-2024-05-02-leuven-buys-electric-buses',
              kind: 'source',
            },
          ],
          cited: ['place-leuven'],
          links: [
            {
              from: 'case-leuven-electric-bus-tender',
              type: 'LOCATED_IN',
              to: 'place-leuven',
              basis: 'stated',
            },
          ],
        },
      ],
      items: [
        {
          title: 'Leuven buys electric buses',
          date: null,
          text: 'Leuven buys electric buses. The city of Leuven in Belgium tendered 20 electric buses with the Flemish transport company De Lijn in 2024.',
          offset: 0,
          proposals: [
            {
              kind: 'place',
              name: 'Leuven',
              id: 'place-leuven',
              confidence: 0.95,
              evidence: 'Leuven buys electric buses.',
              span: {
                start: 0,
                end: 6,
              },
              spans: [
                {
                  start: 0,
                  end: 6,
                },
              ],
              origin: 'graph',
              details: {
                placeType: 'city',
                country: 'BE',
              },
              proposal: '1.1',
              status: 'accepted',
              committed: {
                id: 'place-leuven',
                at: '2026-12-04T07:21:18.056Z',
                by: 'ana',
              },
            },
          ],
          facts: {
            years: [
              {
                year: 2024,
                text: '2024',
                evidence: 'The city of Leuven in Belgium tendered 20 electric buses with the Flemish transport company De Lijn in 2024.',
                span: {
                  start: 131,
                  end: 135,
                },
              },
            ],
            amounts: [],
          },
          index: 1,
          source: {
            existing: false,
            title: 'Leuven buys electric buses',
            date: '2024-05-02',
            sourceType: 'news',
            id: 'src-news-2024-05-02-leuven-buys-electric-buses',
          },
        },
      ],
    },
  },
  saveIngestDecisions: {
    params: {
      batch: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
    },
    request: {
      decisions: [
        {
          proposal: '1.3',
          action: 'reject',
        },
        {
          proposal: '1.4',
          action: 'edit',
          fields: {
            name: 'Leuven electric bus tender',
          },
        },
      ],
    },
    response: {
      id: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      status: 'open',
      counts: {
        pending: 5,
        accepted: 0,
        edited: 1,
        rejected: 1,
        present: 0,
        committed: 0,
      },
      page: '/curate/ingest/batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      items: [
        {
          index: 1,
          title: 'Leuven buys electric buses',
          date: null,
          source: {
            existing: false,
            title: 'Leuven buys electric buses',
            date: '2024-05-02',
            sourceType: 'news',
          },
          proposals: [
            {
              kind: 'place',
              name: 'Leuven',
              id: 'place-leuven',
              confidence: 0.95,
              evidence: 'Leuven buys electric buses.',
              span: {
                start: 0,
                end: 6,
              },
              spans: [
                {
                  start: 0,
                  end: 6,
                },
              ],
              origin: 'graph',
              details: {
                placeType: 'city',
                country: 'BE',
              },
              proposal: '1.1',
              status: 'pending',
            },
          ],
        },
      ],
    },
  },
  commitIngestBatch: {
    params: {
      batch: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
    },
    request: {
      decisions: [
        {
          proposal: '1.1',
          action: 'accept',
        },
        {
          proposal: '1.4',
          action: 'accept',
        },
        {
          proposal: '1.5',
          action: 'accept',
        },
      ],
    },
    response: {
      id: 'batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      status: 'open',
      counts: {
        pending: 3,
        accepted: 2,
        edited: 1,
        rejected: 1,
        present: 0,
        committed: 3,
      },
      page: '/curate/ingest/batch-3c7395ef-36a2-4d9e-b16a-3ab04aca4a36',
      items: [
        {
          index: 1,
          title: 'Leuven buys electric buses',
          date: null,
          source: {
            existing: false,
            title: 'Leuven buys electric buses',
            date: '2024-05-02',
            sourceType: 'news',
            id: 'src-news-2024-05-02-leuven-buys-electric-buses',
          },
          proposals: [
            {
              kind: 'place',
              name: 'Leuven',
              id: 'place-leuven',
              confidence: 0.95,
              evidence: 'Leuven buys electric buses.',
              span: {
                start: 0,
                end: 6,
              },
              spans: [
                {
                  start: 0,
                  end: 6,
                },
              ],
              origin: 'graph',
              details: {
                placeType: 'city',
                country: 'BE',
              },
              proposal: '1.1',
              status: 'accepted',
              committed: {
                id: 'place-leuven',
                at: '2026-12-04T07:21:18.056Z',
                by: 'ana',
              },
            },
          ],
        },
      ],
      written: {
        at: '2026-12-04T07:21:18.056Z',
        by: 'ana',
        sources: ['src-news-2024-05-02-leuven-buys-electric-buses'],
        created: [
          {
            id: 'src-news-2024-05-02-leuven-buys-electric-buses',
            kind: 'source',
          },
        ],
        cited: ['place-leuven'],
        links: [
          {
            from: 'case-leuven-electric-bus-tender',
            type: 'LOCATED_IN',
            to: 'place-leuven',
            basis: 'stated',
          },
        ],
      },
    },
  },
  classifySdgs: {
    request: {
      text: 'The city tendered 20 electric buses to cut emissions from public transport.',
    },
    response: {
      sdgs: [
        {
          number: 13,
          score: 6,
          assigned: true,
          evidence: [
            {
              term: 'cut emissions',
              sentence: 'The city tendered 20 electric buses to cut emissions from public transport.',
            },
          ],
        },
        {
          number: 11,
          score: 5,
          assigned: true,
          evidence: [
            {
              term: 'public transport',
              sentence: 'The city tendered 20 electric buses to cut emissions from public transport.',
            },
          ],
        },
      ],
      targets: [
        {
          code: '11.2',
          score: 4.5,
          evidence: [
            {
              term: 'public transport',
              sentence: 'The city tendered 20 electric buses to cut emissions from public transport.',
            },
          ],
        },
      ],
    },
  },
  exportGraph: {
    params: {
      format: 'json',
      kinds: ['pathway'],
    },
    response: {
      format: 'pathway-atlas',
      version: 1,
      exportedAt: '2026-12-04T07:21:19.676Z',
      nodes: [
        {
          id: 'pathway-1',
          labels: ['Entity', 'Pathway'],
          properties: {
            id: 'pathway-1',
            kind: 'pathway',
            name: 'A culture of sustainability',
            number: 1,
            title:
              'Build a local culture of sustainability in which every resident has equal access to municipal services, whatever their age, faith, ethnic background or gender, and make it visible in budgets and education.',
            transformation: 'socio-cultural',
          },
        },
      ],
      relationships: [],
    },
  },
  importGraph: {
    params: {
      dryRun: 'true',
      format: 'json',
    },
    request: {
      format: 'pathway-atlas',
      version: 1,
      nodes: [
        {
          id: 'place-leuven',
          labels: ['Entity', 'Place'],
          properties: {
            id: 'place-leuven',
            kind: 'place',
            name: 'Leuven',
            placeType: 'city',
            country: 'BE',
            altNames: ['Louvain'],
          },
        },
      ],
      relationships: [],
    },
    response: {
      dryRun: true,
      format: 'yaml',
      nodes: {
        created: 0,
        changed: 1,
        unchanged: 0,
      },
      relationships: {
        created: 0,
        changed: 1,
        unchanged: 0,
      },
      created: {
        nodes: [],
        relationships: [],
      },
      changed: {
        nodes: [
          {
            id: 'place-leuven',
            properties: {
              altNames: {
                before: null,
                after: ['Louvain'],
              },
              altNamesText: {
                before: null,
                after: 'Louvain | Löwen',
              },
              searchKey: {
                before: 'leuven',
                after: 'leuven | louvain | lowen',
              },
              sourceIds: {
                before: ['src-basque-declaration'],
                after: ['src-basque-declaration'],
              },
            },
          },
        ],
        relationships: [
          {
            from: 'place-leuven',
            type: 'REPORTED_IN',
            to: 'src-basque-declaration',
            properties: {
              sources: {
                before: [],
                after: null,
              },
            },
          },
        ],
      },
    },
  },
};

/** One problem document for each status the API answers with one. */
export const PROBLEM_EXAMPLES: Record<number, Record<string, unknown>> = {
  '400': {
    type: '/problems/invalid-input',
    title: 'Bad request',
    status: 400,
    detail: 'Invalid query parameter "limit": Too big: expected number to be <=100.',
    instance: '/api/v1/cases?limit=500',
    requestId: '0c6f3f9e-3b9b-4a57-9a55-2f1a4b0f3c11',
    field: 'limit',
    errors: [
      {
        field: 'limit',
        in: 'query',
        message: 'Too big: expected number to be <=100',
      },
    ],
  },
  '401': {
    type: '/problems/unauthenticated',
    title: 'Unauthorized',
    status: 401,
    detail: 'Sign in as a curator (at /signin), or send an API token as "Authorization: Bearer <token>".',
    instance: '/api/v1/nodes',
    requestId: 'b3ae6644-e953-44c6-a0c2-c04689c037ae',
  },
  '403': {
    type: '/problems/forbidden',
    title: 'Forbidden',
    status: 403,
    detail: 'The security token of this form is missing or out of date: reload the page and try again.',
    instance: '/api/v1/nodes',
    requestId: '7f1d2c8e-2f0c-4b5e-9d3a-5c2e1b0a9f77',
  },
  '404': {
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No case with id "case-nowhere".',
    instance: '/api/v1/cases/case-nowhere',
    requestId: '1e0b8d6a-4c2f-4f8e-8a51-6d3c2b1a0e99',
  },
  '409': {
    type: '/problems/conflict',
    title: 'Conflict',
    status: 409,
    detail: 'The place-leuven you edited has changed since (version 4, your edit was based on 3): reload it and apply your change again.',
    instance: '/api/v1/nodes/place-leuven',
    requestId: '45038212-4194-4894-84c9-a99bbb6e97cd',
    id: 'place-leuven',
    currentVersion: 4,
    yourVersion: 3,
    state: 'live',
  },
  '413': {
    type: '/problems/http-413',
    title: 'Payload too large',
    status: 413,
    detail: 'The request body is larger than the limit of 100 kB for this address.',
    instance: '/api/v1/cypher',
    requestId: 'a4d9c0f1-6b2e-4c3d-8e7f-0a1b2c3d4e5f',
    limit: 102400,
    limitText: '100 kB',
  },
  '428': {
    type: '/problems/precondition-required',
    title: 'Precondition required',
    status: 428,
    detail:
      'Say which version you edited, with an If-Match header (the ETag of the node) or a version field, so that a newer edit is not overwritten.',
    instance: '/api/v1/nodes/place-leuven',
    requestId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  },
  '429': {
    type: '/problems/rate-limited',
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests: this address may make 600 API requests a minute; try again in 12 s.',
    instance: '/api/v1/cases',
    requestId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    limit: 600,
    windowSeconds: 60,
    retryAfter: 12,
  },
  '503': {
    type: '/problems/unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The graph database is not reachable right now.',
    instance: '/api/v1/pathways',
    requestId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  },
  '504': {
    type: '/problems/timeout',
    title: 'Query timed out',
    status: 504,
    detail: 'The query ran longer than 5000 ms and was stopped.',
    instance: '/api/v1/cypher',
    requestId: '6e5d4c3b-2a19-4f8e-8d7c-6b5a49382716',
    timeoutMs: 5000,
  },
};
