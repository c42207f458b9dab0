#!/usr/bin/env bash
# Exports the FAQ examples as a CLU project and imports it into the Language resource in the
# environment (CLU_ENDPOINT, CLU_KEY; CLU_PROJECT defaults to vit-faq). Training and deployment
# follow in deploy/clu/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CLU_ENDPOINT:?set CLU_ENDPOINT}" "${CLU_KEY:?set CLU_KEY}"
project="${CLU_PROJECT:-vit-faq}"
file="deploy/clu/${project}.json"
npx vit-bot clu-export --project "$project" "$file"
curl -sS --fail-with-body -X POST \
  "${CLU_ENDPOINT%/}/language/authoring/analyze-conversations/projects/${project}/:import?api-version=2023-04-01" \
  -H "Ocp-Apim-Subscription-Key: ${CLU_KEY}" -H 'Content-Type: application/json' --data @"$file" -D - -o /dev/null
echo "imported ${file} into ${project}; train and deploy it as deploy/clu/README.md shows"
